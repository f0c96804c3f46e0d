using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Core.Tests.TestSupport;

namespace Burly.Core.Tests.Audit;

/// <summary>Group commit: concurrent appends share batches, the chain stays in order, writers sharing a file stay correct.</summary>
public sealed class AuditGroupCommitTests
{
    [Test]
    public async Task AppendAsync_ManyConcurrentCallers_WritesFewerBatchesThanRecordsAndChainVerifies()
    {
        var dir = OpsTestHost.CreateTempDirectory();
        var path = Path.Combine(dir, "audit.jsonl");
        using var log = AuditTestLog.Create(path);

        // Another writer (a second process, say) holds the log's lock while the 400 calls arrive, so they queue up
        // behind the first one; on 2 cores, unhindered appends can otherwise finish one by one before the next arrives.
        using var holder = new AuditFileLock(path);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holderThread = new Thread(() =>
        {
            holder.Enter();
            entered.Set();
            release.Wait();
            holder.Exit();
        });
        holderThread.Start();
        entered.Wait();
        var appends = Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
            await log.AppendAsync(new AuditRecord { Timestamp = DateTimeOffset.UtcNow, ToolName = "echo", Result = AuditResults.Success, ExitCode = i }))));
        await Task.Delay(300);
        release.Set();
        await appends;
        holderThread.Join();

        var verification = AuditChainVerifier.VerifyLog(path);
        Assert.That(verification.Valid, Is.True, verification.Problem);
        Assert.That(verification.Records, Is.EqualTo(400));
        Assert.That(log.Batches, Is.LessThan(400), "concurrent records must share lock acquisitions and flushes");
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public async Task AppendAsync_TwoWritersOnOneFile_KeepOneValidChain()
    {
        // Two writers = two processes sharing one log (the cross-process lock and the re-read of the tail).
        var dir = OpsTestHost.CreateTempDirectory();
        var path = Path.Combine(dir, "audit.jsonl");
        using var a = AuditTestLog.Create(path);
        using var b = AuditTestLog.Create(path);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? a : b).AppendAsync(new AuditRecord { Timestamp = DateTimeOffset.UtcNow, ToolName = "echo", Result = AuditResults.Success, ExitCode = i }))));

        var verification = AuditChainVerifier.VerifyLog(path);
        Assert.That(verification.Valid, Is.True, verification.Problem);
        Assert.That(verification.Records, Is.EqualTo(300));
        Assert.That(File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!["exit_code"]!.GetValue<int>()).Distinct().Count(), Is.EqualTo(300));
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public async Task RotateNow_MaxFilesAndMaxTotalBytes_DeleteOldestRotatedFiles()
    {
        var dir = OpsTestHost.CreateTempDirectory();
        var path = Path.Combine(dir, "audit.jsonl");
        using (var log = AuditTestLog.Create(path, o => o.MaxFiles = 2))
        {
            for (var i = 0; i < 5; i++)
            {
                await AuditTestLog.WriteAsync(log, 3);
                await log.RotateNowAsync();
            }
        }

        Assert.That(AuditFiles.ListRotated(path).Select(f => f.Index).Order(), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(AuditChainVerifier.VerifyLog(path).Valid, Is.True);

        using (var log = AuditTestLog.Create(path, o => o.MaxTotalBytes = new FileInfo(AuditFiles.RotatedPath(path, 1, false)).Length + 10))
        {
            await AuditTestLog.WriteAsync(log, 3);
            await log.RotateNowAsync();
        }

        Assert.That(AuditFiles.ListRotated(path).Select(f => f.Index), Is.EqualTo(new[] { 1 }), "the byte cap keeps only what fits");
        Directory.Delete(dir, recursive: true);
    }
}
