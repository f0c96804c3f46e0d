using System.Diagnostics;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Faults;

/// <summary>
/// Issue 13 fault test: the notification channels fail under the built HTTP host — the webhook endpoint accepts and never
/// answers, Gotify answers 500. Tool calls are not delayed, failures are counted per provider and logged, the queue stays
/// bounded (drops counted), and the process keeps serving.
/// </summary>
[NonParallelizable]
[Category("Faults")]
public sealed class NotificationFaultProcessTests
{
    private const string GotifyToken = "fault-gotify-token-7c1d0e9a";

    [Test]
    [CancelAfter(60_000)]
    public async Task HttpHost_WebhookHangsAndGotifyAnswers500_CallsNotDelayedFailuresCountedQueueBounded()
    {
        using var directory = new TempDirectory();
        using var webhook = FaultHost.SilentServer.Tcp();
        using var gotify = new FaultHost.ErrorServer();
        await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
        {
            ["BURLY_DATA_DIR"] = directory.Path,
            ["DOCKER_HOST"] = "unix://" + Path.Combine(directory.Path, "no-docker.sock"), // docker_ps fails → a failure notification each call
            ["RATE_LIMIT_DISABLED"] = "true",
            ["NOTIFICATIONS_ENABLED"] = "true",
            ["NOTIFICATION_PROVIDERS"] = "webhook,gotify",
            ["WEBHOOK_NOTIFICATION_URL"] = $"http://127.0.0.1:{webhook.Port}/hook",
            ["GOTIFY_URL"] = $"http://127.0.0.1:{gotify.Port}",
            ["GOTIFY_TOKEN"] = GotifyToken,
            ["Burly__Notifications__Webhook__TimeoutSeconds"] = "2",
            ["Burly__Notifications__Gotify__TimeoutSeconds"] = "2",
            ["Burly__Notifications__QueueCapacity"] = "2",
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // 8 failing calls: each queues a notification (policy rate limit: 10/min); the hung webhook holds delivery for 2 s each.
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 8; i++)
        {
            var (body, text, elapsed) = await FaultHost.CallAsync(http, "docker_ps");
            Assert.That(FaultHost.Code(body), Is.EqualTo("DEPENDENCY_UNAVAILABLE"), text);
            slowest = elapsed > slowest ? elapsed : slowest;
        }

        // Wait (bounded) for the failures of the first deliveries to be counted.
        var clock = Stopwatch.StartNew();
        string metrics;
        do
        {
            await Task.Delay(250);
            metrics = await http.GetStringAsync("/metrics");
        }
        while ((FaultHost.Metric(metrics, "burly_mcp_notifications_total", "provider=\"webhook\"", "result=\"failed\"") < 1
                || FaultHost.Metric(metrics, "burly_mcp_notifications_total", "provider=\"gotify\"", "result=\"failed\"") < 1)
               && clock.Elapsed < TimeSpan.FromSeconds(15));

        var counts = string.Join(", ", metrics.Split('\n').Where(l => l.StartsWith("burly_mcp_notifications_total{", StringComparison.Ordinal)));
        TestContext.Out.WriteLine($"slowest call {slowest.TotalMilliseconds:F0} ms; webhook connections {webhook.Accepted}; gotify requests {gotify.Requests}; {counts}");
        Assert.That(slowest, Is.LessThan(TimeSpan.FromSeconds(2)), "a hung channel never delays a tool call");
        Assert.That(FaultHost.Metric(metrics, "burly_mcp_notifications_total", "provider=\"webhook\"", "result=\"failed\""), Is.GreaterThanOrEqualTo(1), counts);
        Assert.That(FaultHost.Metric(metrics, "burly_mcp_notifications_total", "provider=\"gotify\"", "result=\"failed\""), Is.GreaterThanOrEqualTo(1), counts);
        Assert.That(FaultHost.Metric(metrics, "burly_mcp_notifications_total", "result=\"dropped\""), Is.GreaterThanOrEqualTo(1), "the queue is bounded (capacity 2): " + counts);
        Assert.That(gotify.Requests, Is.GreaterThanOrEqualTo(1));
        Assert.That(host.Output, Does.Contain("Notification provider webhook failed").And.Contain("Notification provider gotify failed"), "failures are logged");
        Assert.That(host.Output, Does.Not.Contain(GotifyToken), "the token is never logged");

        // Still serving, health answers (notifications degraded at most).
        var (status, health, healthTime) = await FaultHost.HealthAsync(http);
        Assert.That(status, Is.AnyOf(200, 503), health.ToJsonString());
        Assert.That(healthTime, Is.LessThan(TimeSpan.FromSeconds(7)));
        Assert.That((string?)health["checks"]!["notifications"]!["status"], Is.Not.EqualTo("unhealthy"));
        var (read, readText, _) = await FaultHost.CallAsync(http, "disk_space");
        Assert.That((bool?)read["ok"], Is.True, readText);
    }
}
