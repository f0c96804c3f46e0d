using System.Text.Json.Nodes;
using Burly.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Core.Tests.Notifications;

/// <summary><c>gotify_ping</c> (Burly.Tools Notify pack) through the full pipeline against the in-test Gotify.</summary>
public sealed class GotifyPingToolTests
{
    private const string Policy = """
        tools:
          gotify_ping: {}
        """;

    private FakeGotifyServer _gotify = null!;

    [SetUp]
    public void SetUp() => _gotify = FakeGotifyServer.Start();

    [TearDown]
    public async Task TearDown() => await _gotify.DisposeAsync();

    private Task<NotificationTestHost> StartAsync(string? url, string? token) =>
        NotificationTestHost.StartAsync(o =>
        {
            o.Notifications.Enabled = false;
        }, Policy, startDispatcher: false, more: b => b.AddNotifyTools(), gotify: g =>
        {
            g.Url = url;
            g.Token = token;
        });

    [Test]
    public async Task GotifyPing_Configured_ReportsTheMessageId()
    {
        await using var host = await StartAsync(_gotify.BaseUrl, _gotify.Token);

        var outcome = await host.CallAsync("gotify_ping", new JsonObject { ["message"] = "Hello", ["title"] = "Ping", ["priority"] = 6 });

        var request = await _gotify.NextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.Success), outcome.Error?.Message);
            Assert.That(outcome.Data!["message_id"]!.GetValue<long>(), Is.EqualTo(42));
            Assert.That(outcome.Summary, Is.EqualTo("Gotify notification sent successfully (priority 6)"));
            Assert.That(request.Body!.ToJsonString(), Is.EqualTo("""{"title":"Ping","message":"Hello","priority":6}"""));
        });
    }

    [Test]
    public async Task GotifyPing_NoArguments_UsesDefaults()
    {
        await using var host = await StartAsync(_gotify.BaseUrl, _gotify.Token);

        await host.CallAsync("gotify_ping");

        var body = (await _gotify.NextAsync()).Body!;
        Assert.That((body["title"]!.GetValue<string>(), body["message"]!.GetValue<string>(), body["priority"]!.GetValue<int>()),
            Is.EqualTo(("Burly MCP Test", "Test notification from Burly MCP", 3)));
    }

    [Test]
    public async Task GotifyPing_NotConfigured_IsDependencyUnavailableWithTheFix()
    {
        await using var host = await StartAsync(null, null);

        var outcome = await host.CallAsync("gotify_ping");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.DependencyUnavailable));
            Assert.That(outcome.Error!.Message, Does.Contain("GOTIFY_URL").And.Contain("GOTIFY_TOKEN"));
        });
    }

    [Test]
    public async Task GotifyPing_WrongToken_IsAClearAuthenticationError()
    {
        await using var host = await StartAsync(_gotify.BaseUrl, "not-the-right-token");

        var outcome = await host.CallAsync("gotify_ping");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.ToolFailed));
            Assert.That(outcome.Error!.Message, Does.Contain("rejected the application token (HTTP 401)").And.Not.Contain("not-the-right-token"));
            Assert.That(outcome.Error.Details!["http_status"]!.GetValue<int>(), Is.EqualTo(401));
        });
    }

    [Test]
    public async Task GotifyPing_Unreachable_IsDependencyUnavailable()
    {
        var url = _gotify.BaseUrl;
        await _gotify.DisposeAsync();
        await using var host = await StartAsync(url, "AbCdEf123456");

        var outcome = await host.CallAsync("gotify_ping");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.DependencyUnavailable));
    }
}
