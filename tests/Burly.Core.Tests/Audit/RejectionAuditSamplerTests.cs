using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Burly.Core.Tests.Audit;

/// <summary>Issue 15: a flood's last window is summarised even when the source goes silent, and at shutdown.</summary>
public sealed class RejectionAuditSamplerTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("burly-sampler-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task WriteAsync_FloodThenSilence_SummaryWrittenWhenTheWindowEnds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var path = Path.Combine(_directory, "audit.jsonl");
        using var log = AuditTestLog.Create(path);
        await using var sampler = Create(log, time);

        await FloodAsync(sampler, time, 20);
        Assert.That(Records(path, AuditEventTypes.RejectionsSummary), Is.Empty, "the window is still open");
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.That(Records(path, AuditEventTypes.RejectionsSummary), Is.Empty, "still open after 59 s");
        time.Advance(TimeSpan.FromSeconds(1)); // the source never sends again: the window's timer writes the summary
        var summary = await WaitForAsync(path);

        Assert.That(Records(path, AuditEventTypes.AuthFailure), Has.Count.EqualTo(5));
        Assert.That((long?)summary["details"]!["not_recorded"], Is.EqualTo(15));
        Assert.That((long?)summary["details"]!["recorded_in_full"], Is.EqualTo(5));
        Assert.That((string?)summary["details"]!["event_type"], Is.EqualTo(AuditEventTypes.AuthFailure));
        Assert.That((string?)summary["details"]!["remote_address"], Is.EqualTo("192.0.2.7"));
        Assert.That((string?)summary["error_code"], Is.EqualTo("AUTH_REQUIRED"));

        // The next rejection (a new window) does not repeat the summary.
        time.Advance(TimeSpan.FromSeconds(30));
        await FloodAsync(sampler, time, 1);
        Assert.That(Records(path, AuditEventTypes.RejectionsSummary), Has.Count.EqualTo(1));
        Assert.That(Records(path, AuditEventTypes.AuthFailure), Has.Count.EqualTo(6));
    }

    [Test]
    public async Task FlushAsync_WindowStillOpenAtShutdown_WritesThePendingCounts()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var path = Path.Combine(_directory, "audit.jsonl");
        using var log = AuditTestLog.Create(path);
        var sampler = Create(log, time);
        await FloodAsync(sampler, time, 12);

        await sampler.DisposeAsync();

        var summary = Records(path, AuditEventTypes.RejectionsSummary).Single();
        Assert.That((long?)summary["details"]!["not_recorded"], Is.EqualTo(7));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(Records(path, AuditEventTypes.RejectionsSummary), Has.Count.EqualTo(1), "no second summary after the flush");
        Assert.That(AuditChainVerifier.VerifyLog(path).Valid, Is.True);
    }

    private static RejectionAuditSampler Create(IAuditLog log, TimeProvider time)
    {
        var options = new BurlyOptions();
        options.Audit.RejectionSampleFirst = 5;
        options.Audit.RejectionWindowSeconds = 60;
        return new RejectionAuditSampler(log, time, Options.Create(options), NullLogger<RejectionAuditSampler>.Instance);
    }

    private static async Task FloodAsync(RejectionAuditSampler sampler, FakeTimeProvider time, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await sampler.WriteAsync("auth|anonymous|192.0.2.7", new AuditRecord
            {
                Timestamp = time.GetUtcNow(),
                EventType = AuditEventTypes.AuthFailure,
                Transport = "http",
                UserId = "anonymous",
                Result = AuditResults.Denied,
                ErrorCode = "AUTH_REQUIRED",
                ExitCode = 1,
                Details = new JsonObject { ["remote_address"] = "192.0.2.7" },
            });
        }
    }

    private static async Task<JsonNode> WaitForAsync(string path)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Records(path, AuditEventTypes.RejectionsSummary).FirstOrDefault() is { } found)
            {
                return found;
            }

            await Task.Delay(10);
        }

        Assert.Fail("no rejections_summary was written when the window ended");
        return null!;
    }

    private static List<JsonNode> Records(string path, string eventType) =>
        File.Exists(path)
            ? File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!).Where(r => (string?)r["event_type"] == eventType).ToList()
            : [];
}
