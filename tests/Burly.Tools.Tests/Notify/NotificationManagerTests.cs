using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Burly.Core.Tests.Notifications;

public sealed class NotificationManagerTests
{
    private FakeGotifyServer _gotify = null!;

    [SetUp]
    public void SetUp() => _gotify = FakeGotifyServer.Start();

    [TearDown]
    public async Task TearDown() => await _gotify.DisposeAsync();

    private Task<NotificationTestHost> StartAsync(
        Action<Burly.Configuration.BurlyOptions>? configure = null, string policy = NotificationTestHost.DefaultPolicy, TimeProvider? time = null, bool dispatcher = true,
        Action<WebhookOptions>? webhook = null) =>
        NotificationTestHost.StartAsync(o => configure?.Invoke(o), policy, time, dispatcher, gotify: g =>
        {
            g.Url = _gotify.BaseUrl;
            g.Token = _gotify.Token;
        }, webhook: webhook);

    [Test]
    public async Task ToolCall_SuccessListedInNotify_SendsGotifyMessageWithPolicyPriority()
    {
        await using var host = await StartAsync();

        await host.CallAsync("echo_test");

        var request = await _gotify.NextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(request.Body!["title"]!.GetValue<string>(), Is.EqualTo("Tool Success: echo_test"));
            Assert.That(request.Body!["message"]!.GetValue<string>(), Does.StartWith("Echoed (completed in"));
            Assert.That(request.Body!["priority"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(request.Headers["X-Gotify-Key"], Is.EqualTo(_gotify.Token));
        });
    }

    [Test]
    public async Task ToolCall_Failure_SendsFailurePriorityWithErrorCode()
    {
        await using var host = await StartAsync();

        await host.CallAsync("echo_test", new JsonObject { ["fail"] = true });

        var request = await _gotify.NextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(request.Body!["title"]!.GetValue<string>(), Is.EqualTo("Tool Failed: echo_test"));
            Assert.That(request.Body!["message"]!.GetValue<string>(), Is.EqualTo("Error: TOOL_FAILED: It failed as asked."));
            Assert.That(request.Body!["priority"]!.GetValue<int>(), Is.EqualTo(8));
        });
    }

    [Test]
    public async Task ToolCall_NeedConfirm_SendsConfirmationPriority()
    {
        await using var host = await StartAsync();

        var outcome = await host.CallAsync("confirm_test");

        var request = await _gotify.NextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
            Assert.That(request.Body!["title"]!.GetValue<string>(), Is.EqualTo("Confirmation Required: confirm_test"));
            Assert.That(request.Body!["priority"]!.GetValue<int>(), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task ToolCall_EventNotListedInNotify_SendsNothing()
    {
        await using var host = await StartAsync();

        await host.CallAsync("quiet_test");
        await host.Manager.SendNotificationAsync("marker", "after the call");

        // The queue is FIFO with one reader: the marker arriving first proves the call queued nothing.
        var first = await _gotify.NextAsync();
        Assert.That(first.Body!["title"]!.GetValue<string>(), Is.EqualTo("marker"));
    }

    [Test]
    public async Task SecurityViolation_IsNotifiedWithCriticalPriority()
    {
        await using var host = await StartAsync();

        await host.CallAsync("escape_test");

        var request = await _gotify.NextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(request.Body!["title"]!.GetValue<string>(), Is.EqualTo("Security Violation: path_escape"));
            Assert.That(request.Body!["message"]!.GetValue<string>(), Does.Contain("escape_test").And.Contain("'../etc/passwd'").And.Contain("parent_directory"));
            Assert.That(request.Body!["priority"]!.GetValue<int>(), Is.EqualTo(10));
        });
    }

    [Test]
    public async Task HungProvider_DoesNotDelayToolCalls()
    {
        _gotify.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await StartAsync();
        await host.CallAsync("echo_test");
        await _gotify.NextAsync(); // the dispatcher is now stuck inside the provider call

        // Hang guard only: a call that waited for the provider would never finish while the gate is closed.
        var outcome = await host.CallAsync("echo_test").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.Success));
            Assert.That(_gotify.Gate.Task.IsCompleted, Is.False, "the provider was still hung when the call returned");
        });
        _gotify.Gate.SetResult();
    }

    [Test]
    public async Task FullQueue_DropsNewestAndCountsThem()
    {
        _gotify.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await StartAsync(o => o.Notifications.QueueCapacity = 1);
        Assert.That(await host.Manager.SendNotificationAsync("n1", "m"), Is.True);
        await _gotify.NextAsync(); // n1 is being delivered (hung); the queue is empty

        var queued = await host.Manager.SendNotificationAsync("n2", "m");
        var dropped3 = await host.Manager.SendNotificationAsync("n3", "m");
        var dropped4 = await host.Manager.SendNotificationAsync("n4", "m");

        Assert.Multiple(() =>
        {
            Assert.That((queued, dropped3, dropped4), Is.EqualTo((true, false, false)));
            Assert.That(host.Count("gotify", "dropped"), Is.EqualTo(2));
            Assert.That(host.Manager.QueueLength, Is.EqualTo(1));
        });
        _gotify.Gate.SetResult();
    }

    [Test]
    public async Task RateLimit_PerMinuteAndPerHour_AreEnforcedOnTheFakeClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        const string policy = """
            config:
              notifications:
                rate_limit: { max_per_minute: 2, max_per_hour: 3 }
            tools:
              echo_test: { notify: [success] }
            """;
        await using var host = await StartAsync(policy: policy, time: time, dispatcher: false);
        var m = host.Manager;

        var first = new[] { await m.SendNotificationAsync("a", "m"), await m.SendNotificationAsync("b", "m"), await m.SendNotificationAsync("c", "m") };
        time.Advance(TimeSpan.FromMinutes(1));
        var second = new[] { await m.SendNotificationAsync("d", "m"), await m.SendNotificationAsync("e", "m") };
        time.Advance(TimeSpan.FromHours(1));
        var third = await m.SendNotificationAsync("f", "m");

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new[] { true, true, false }), "2 per minute");
            Assert.That(second, Is.EqualTo(new[] { true, false }), "3 per hour");
            Assert.That(third, Is.True, "a new hour");
            Assert.That(host.Count("gotify", "rate_limited"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task SendNotificationAsync_Delivered_IsCountedAsSent()
    {
        await using var host = await StartAsync();

        await host.Manager.SendNotificationAsync("Deploy", "Staging deployment verification", 4);

        var request = await _gotify.NextAsync();
        Assert.That((request.Body!["title"]!.GetValue<string>(), request.Body!["message"]!.GetValue<string>(), request.Body!["priority"]!.GetValue<int>()),
            Is.EqualTo(("Deploy", "Staging deployment verification", 4)));
    }

    [Test]
    public async Task SendNotificationAsync_Disabled_QueuesNothing()
    {
        await using var host = await StartAsync(o => o.Notifications.Enabled = false);

        var queued = await host.Manager.SendNotificationAsync("t", "m");
        await host.CallAsync("echo_test");

        Assert.Multiple(() =>
        {
            Assert.That(queued, Is.False);
            Assert.That(host.Manager.QueueLength, Is.Zero);
            Assert.That(_gotify.All, Is.Empty);
        });
    }

    [Test]
    public async Task Webhook_ReceivesJsonBodyWithPythonFields()
    {
        await using var webhook = FakeGotifyServer.Start(acceptAnyPath: true);
        await using var host = await StartAsync(o =>
        {
            o.Notifications.Providers = ["webhook"];
        }, webhook: w => w.Url = webhook.BaseUrl + "/hooks/burly");

        await host.CallAsync("echo_test", new JsonObject { ["fail"] = true });

        var request = await webhook.NextAsync();
        var body = request.Body!;
        Assert.Multiple(() =>
        {
            Assert.That(request.Path, Is.EqualTo("/hooks/burly"));
            Assert.That(request.Headers["Content-Type"], Does.StartWith("application/json"));
            Assert.That(body["title"]!.GetValue<string>(), Is.EqualTo("Tool Failed: echo_test"));
            Assert.That(body["priority"]!.GetValue<string>(), Is.EqualTo("high"));
            Assert.That(body["priority_value"]!.GetValue<int>(), Is.EqualTo(8));
            Assert.That(body["category"]!.GetValue<string>(), Is.EqualTo("tool_failure"));
            Assert.That(body["tool_name"]!.GetValue<string>(), Is.EqualTo("echo_test"));
            Assert.That(body["metadata"]!["error_code"]!.GetValue<string>(), Is.EqualTo("TOOL_FAILED"));
        });
    }

    [Test]
    public async Task TestAsync_ReportsEachProviderOutcome()
    {
        await using var webhook = FakeGotifyServer.Start(acceptAnyPath: true);
        webhook.FixedStatus = 500;
        await using var host = await StartAsync(o =>
        {
            o.Notifications.Enabled = false;
            o.Notifications.Providers = ["gotify", "webhook"];
        }, dispatcher: false, webhook: w => w.Url = webhook.BaseUrl);

        var results = await host.Manager.TestAsync("T", "M");

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => (r.Provider, r.Success)), Is.EqualTo(new[] { ("gotify", true), ("webhook", false) }));
            Assert.That(results[0].MessageId, Is.EqualTo(42));
            Assert.That(results[1].Error, Does.Contain("HTTP 500"));
            Assert.That(host.Count("gotify", "sent"), Is.EqualTo(1));
            Assert.That(host.Count("webhook", "failed"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Console_WritesToStandardErrorNeverStandardOutput()
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            await using var host = await StartAsync(o => o.Notifications.Providers = ["console"], dispatcher: false);

            var results = await host.Manager.TestAsync("Console title", "Console message", 9);

            Assert.Multiple(() =>
            {
                Assert.That(results.Single().Success, Is.True);
                Assert.That(stderr.ToString(), Does.Contain("Console title").And.Contain("Console message").And.Contain("CRITICAL"));
                Assert.That(stdout.ToString(), Is.Empty);
            });
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
