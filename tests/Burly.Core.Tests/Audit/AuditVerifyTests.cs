using Burly.Audit;

namespace Burly.Core.Tests.Audit;

public sealed class AuditVerifyTests
{
    private string _dir = null!;
    private string _path = null!;

    [SetUp]
    public async Task SetUp()
    {
        _dir = OpsTestHost.CreateTempDirectory();
        _path = Path.Combine(_dir, "audit.jsonl");
        using var log = AuditTestLog.Create(_path);
        await AuditTestLog.WriteAsync(log, 10);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task VerifyLog_IntentWithoutOutcome_ValidAndReportsOutcomeUnknown()
    {
        using (var log = AuditTestLog.Create(_path))
        {
            // A crash between intent and outcome (kill -9 while the tool ran) leaves an intent alone.
            await log.AppendAsync(new AuditRecord { Timestamp = DateTimeOffset.UtcNow, EventType = AuditEventTypes.ToolCallIntent, RequestId = "r1", ToolName = "docker_restart", Result = AuditResults.Started });
            await log.AppendAsync(new AuditRecord { Timestamp = DateTimeOffset.UtcNow, EventType = AuditEventTypes.ToolCallIntent, RequestId = "r2", ToolName = "docker_stop", Result = AuditResults.Started });
            await log.AppendAsync(new AuditRecord { Timestamp = DateTimeOffset.UtcNow, EventType = AuditEventTypes.ToolCall, RequestId = "r2", ToolName = "docker_stop", Result = AuditResults.Success });
        }

        var result = AuditChainVerifier.VerifyLog(_path);

        Assert.That(result.Valid, Is.True, "an intent without outcome is not tampering");
        Assert.That(result.OutcomeUnknown.Select(u => (u.RequestId, u.ToolName)), Is.EqualTo(new[] { ("r1", "docker_restart") }));
    }

    [Test]
    public void VerifyLog_IntactLog_Valid()
    {
        var result = AuditChainVerifier.VerifyLog(_path);

        Assert.That(result.Valid, Is.True, result.Problem);
        Assert.That(result.Records, Is.EqualTo(10));
    }

    [Test]
    public void VerifyLog_TamperedLine_NamesItsSeq()
    {
        var lines = File.ReadAllLines(_path);
        lines[4] = lines[4].Replace("\"tool_name\":\"disk_space\"", "\"tool_name\":\"docker_ps\"", StringComparison.Ordinal);
        File.WriteAllLines(_path, lines);

        var result = AuditChainVerifier.VerifyLog(_path);

        Assert.That(result.Valid, Is.False);
        Assert.That(result.FirstBadSeq, Is.EqualTo(5));
        Assert.That(result.FirstBadLine, Is.EqualTo(5));
        Assert.That(result.Problem, Does.Contain("hash does not match"));
    }

    [Test]
    public void VerifyLog_DeletedLine_NamesMissingSeq()
    {
        var lines = File.ReadAllLines(_path).ToList();
        lines.RemoveAt(3);
        File.WriteAllLines(_path, lines);

        var result = AuditChainVerifier.VerifyLog(_path);

        Assert.That(result.Valid, Is.False);
        Assert.That(result.FirstBadSeq, Is.EqualTo(4));
        Assert.That(result.Problem, Does.Contain("seq 4 is missing"));
    }

    [Test]
    public async Task VerifyLog_DeletedRotatedFile_NamesMissingSeq()
    {
        using (var log = AuditTestLog.Create(_path))
        {
            await log.RotateNowAsync();
            await AuditTestLog.WriteAsync(log, 3);
            await log.RotateNowAsync();
            await AuditTestLog.WriteAsync(log, 3);
        }

        File.Delete(_path + ".1"); // seq 11..13

        var result = AuditChainVerifier.VerifyLog(_path);
        Assert.That(result.Valid, Is.False);
        Assert.That(result.FirstBadSeq, Is.EqualTo(11));
        Assert.That(result.FirstBadFile, Is.EqualTo("audit.jsonl"));
    }

    [Test]
    public async Task VerifyLog_TornLastLine_ValidAndReported()
    {
        await File.AppendAllTextAsync(_path, "{\"timestamp\":\"2026-");

        var result = AuditChainVerifier.VerifyLog(_path);

        Assert.That(result.Valid, Is.True);
        Assert.That(result.TornLastLine, Is.True);
        Assert.That(result.TornLocation, Is.EqualTo("audit.jsonl:11"));
        Assert.That(result.Records, Is.EqualTo(10));
    }

    [Test]
    public async Task Open_TornLastLine_CutOffReportedAndChainContinues()
    {
        await File.AppendAllTextAsync(_path, "{\"timestamp\":\"2026-");

        using (var log = AuditTestLog.Create(_path))
        {
            await AuditTestLog.WriteAsync(log, 1);
            Assert.That(log.RepairedTornBytes, Is.EqualTo(19));
        }

        var result = AuditChainVerifier.VerifyLog(_path);
        Assert.That(result.Valid, Is.True, result.Problem);
        Assert.That(result.TornLastLine, Is.False);
        Assert.That(result.LastSeq, Is.EqualTo(11));
    }
}
