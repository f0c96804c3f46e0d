using System.Text.Json.Nodes;
using Burly.Audit;

namespace Burly.Core.Tests.Audit;

public sealed class AuditReportTests
{
    private string _dir = null!;
    private string _path = null!;

    [SetUp]
    public async Task SetUp()
    {
        _dir = OpsTestHost.CreateTempDirectory();
        _path = Path.Combine(_dir, "audit.jsonl");
        using var log = AuditTestLog.Create(_path);
        var now = DateTimeOffset.UtcNow;
        async Task Call(string tool, string user, string result, string? code = null, bool mutates = false, bool confirmed = false, string? method = null, DateTimeOffset? at = null) =>
            await log.AppendAsync(new AuditRecord
            {
                Timestamp = at ?? now,
                ToolName = tool,
                UserId = user,
                Result = result,
                ErrorCode = code,
                Error = code is null ? null : "it failed",
                MutatesSystem = mutates,
                RequiresConfirmation = mutates,
                Confirmed = confirmed,
                ConfirmationMethod = method,
            });

        await Call("disk_space", "local:alice", AuditResults.Success);
        await Call("disk_space", "local:alice", AuditResults.Success);
        await Call("docker_ps", "apikey:ops", AuditResults.Success);
        await Call("docker_restart", "apikey:ops", AuditResults.Failure, BurlyErrorCodes.ToolFailed, mutates: true, confirmed: true, method: "argument");
        await Call("docker_restart", "apikey:ops", AuditResults.NeedConfirm, BurlyErrorCodes.ConfirmationRequired, mutates: true);
        await Call("docker_restart", "apikey:ops", AuditResults.Success, mutates: true, confirmed: true, method: "elicitation");
        await Call("docker_stop", "apikey:ops", AuditResults.Denied, BurlyErrorCodes.Forbidden, mutates: true);
        await Call("disk_space", "local:old", AuditResults.Success, at: now.AddDays(-3));
        await log.AppendAsync(new AuditRecord
        {
            Timestamp = now, EventType = AuditEventTypes.SecurityViolation, ToolName = "blog_stage_markdown", UserId = "apikey:ops",
            Result = AuditResults.Denied, ErrorCode = BurlyErrorCodes.PathOutsideRoot, Details = new JsonObject { ["violation_type"] = "path_escape" },
        });
        await log.AppendAsync(new AuditRecord { Timestamp = now, EventType = AuditEventTypes.PolicyReload, UserId = "system", Result = AuditResults.Failure });
        await log.AppendAsync(new AuditRecord { Timestamp = now, EventType = AuditEventTypes.AuthFailure, UserId = "anonymous", Result = AuditResults.Denied });
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private AuditReport Build(DateTimeOffset? since)
    {
        var report = new AuditReport { Since = since, GeneratedAt = DateTimeOffset.UtcNow, Verification = AuditChainVerifier.VerifyLog(_path) };
        var filter = new AuditFilter { Since = since };
        foreach (var (_, record) in new AuditReader(_path).ReadRecords())
        {
            if (filter.Matches(record))
            {
                report.Add(record);
            }
        }

        return report;
    }

    [Test]
    public void Report_Last24Hours_CountsMatchKnownLog()
    {
        var report = Build(DateTimeOffset.UtcNow.AddHours(-24));

        Assert.Multiple(() =>
        {
            Assert.That(report.ToolCalls, Is.EqualTo(7));
            Assert.That(report.ByResult, Is.EqualTo(new SortedDictionary<string, long> { ["denied"] = 1, ["failure"] = 1, ["need_confirm"] = 1, ["success"] = 4 }));
            Assert.That(report.ByTool["docker_restart"], Is.EqualTo(3));
            Assert.That(report.ByUser, Is.EqualTo(new SortedDictionary<string, long> { ["apikey:ops"] = 5, ["local:alice"] = 2 }));
            Assert.That(report.Failed, Is.EqualTo(1));
            Assert.That(report.ConfirmationsRequired, Is.EqualTo(1));
            Assert.That(report.ConfirmedByMethod, Is.EqualTo(new SortedDictionary<string, long> { ["argument"] = 1, ["elicitation"] = 1 }));
            Assert.That(report.Mutations, Is.EqualTo(1));
            Assert.That(report.SecurityEvents, Is.EqualTo(new SortedDictionary<string, long>
            {
                ["auth_failure"] = 1, ["denied:FORBIDDEN"] = 1, ["security_violation:path_escape"] = 1,
            }));
            Assert.That(report.PolicyReloadFailures, Is.EqualTo(1));
            Assert.That(report.Verification!.Valid, Is.True);
        });
    }

    [Test]
    public void Report_AllRecords_IncludesOlderCalls()
    {
        var report = Build(null);

        Assert.That(report.ToolCalls, Is.EqualTo(8));
        Assert.That(report.ByUser["local:old"], Is.EqualTo(1));
    }

    [TestCase("24h", 24 * 60)]
    [TestCase("30m", 30)]
    [TestCase("7d", 7 * 24 * 60)]
    [TestCase("2w", 14 * 24 * 60)]
    public void TryParseSince_Duration_RelativeToNow(string text, int minutes)
    {
        var now = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.That(AuditFilter.TryParseSince(text, now, out var since), Is.True);
        Assert.That(since, Is.EqualTo(now.AddMinutes(-minutes)));
    }

    [Test]
    public void TryParseSince_Garbage_False() =>
        Assert.That(AuditFilter.TryParseSince("yesterday-ish", DateTimeOffset.UtcNow, out _), Is.False);
}
