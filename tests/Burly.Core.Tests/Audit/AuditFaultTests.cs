using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Core.Tests.TestSupport;
using Burly.Health;
using Burly.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Core.Tests.Audit;

/// <summary>Real faults: the audit file on a tiny tmpfs that fills up and is freed again (issue 13 item 1, issue 15 item 1).</summary>
[NonParallelizable]
public sealed class AuditFaultTests
{
    [Test]
    public async Task AppendAsync_DiskFullThenFreed_FailsCleanlyThenRecoversWithoutRestart()
    {
        using var volume = TmpfsVolume.Mount(256);
        var path = Path.Combine(volume.Path, "audit.jsonl");
        using var log = AuditTestLog.Create(path);
        await AuditTestLog.WriteAsync(log, 3);
        volume.Fill();
        var slack = await FillSlackAsync(log);

        // Big enough to never fit in a partly filled block.
        var big = new AuditRecord { Timestamp = DateTimeOffset.UtcNow, ToolName = "echo", Result = AuditResults.Success, Arguments = new JsonObject { ["text"] = new string('x', 20_000) } };
        var first = await Assert.ThrowsAsync<AuditWriteException>(async () => await log.AppendAsync(big));
        var second = await Assert.ThrowsAsync<AuditWriteException>(async () => await log.AppendAsync(big));
        Assert.That(first!.InnerException, Is.Not.InstanceOf<ObjectDisposedException>());
        Assert.That(second!.InnerException, Is.Not.InstanceOf<ObjectDisposedException>(), "a failed write must not leave a disposed stream cached");
        Assert.That(log.IsHealthy, Is.False);
        Assert.That(await log.EnsureWritableAsync(), Is.False, "still full: the writability check must not say OK");

        volume.Free();

        Assert.That(await log.EnsureWritableAsync(), Is.True, "space is back: no restart needed");
        Assert.That(log.IsHealthy, Is.True);
        await AuditTestLog.WriteAsync(log, 2);
        var verification = AuditChainVerifier.VerifyLog(path);
        Assert.That(verification.Valid, Is.True, verification.Problem);
        var lines = File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!).ToList();
        var recovered = lines.Single(l => l["event_type"]!.GetValue<string>() == AuditEventTypes.AuditRecovered);
        Assert.That(recovered["details"]!["records_not_written"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(lines, Has.Count.EqualTo(3 + slack + 1 + 2));
    }

    [Test]
    public async Task Invoke_AuditDiskFull_RefusesMutationsLetsReadsRunAndHealthTellsTheTruthThenRecovers()
    {
        using var volume = TmpfsVolume.Mount(256);
        var auditPath = Path.Combine(volume.Path, "audit.jsonl");
        using var burly = TestBurly.Create(Policies.Standard, o => o.Audit.Path = auditPath);
        var health = burly.Services.GetRequiredService<HealthChecker>();
        Assert.That((await burly.CallAsync("echo", """{"message":"before"}""")).IsSuccess, Is.True);
        Assert.That((await health.CheckAsync()).Status, Is.Not.EqualTo(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy));
        volume.Fill();
        await FillSlackAsync(burly.Services.GetRequiredService<IAuditLog>());

        var mutation = await burly.CallAsync("mutate", """{"target":"web","_confirm":true}""");
        var read = await burly.CallAsync("echo", """{"message":"while full"}""");
        var report = await health.CheckAsync();

        Assert.That(mutation.Error?.Code, Is.EqualTo(BurlyErrorCodes.Internal), "fail closed");
        Assert.That(burly.Pack.MutateCalls, Is.Zero, "never a mutation without a record");
        Assert.That(read.IsSuccess, Is.True, "read-only calls proceed (CONTRACT §6)");
        Assert.That(report.Status, Is.EqualTo(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy));
        Assert.That(report.Json["checks"]!["audit"]!["details"]!["last_write_ok"]!.GetValue<bool>(), Is.False);

        volume.Free();
        var recovered = await health.CheckAsync();
        var after = await burly.CallAsync("mutate", """{"target":"web","_confirm":true}""");

        // Degraded at most (a 256 KiB volume has "little free space"), no longer unhealthy: the check retried the write.
        Assert.That(recovered.Json["checks"]!["audit"]!["status"]!.GetValue<string>(), Is.Not.EqualTo("unhealthy"), recovered.Json.ToJsonString());
        Assert.That(recovered.Json["checks"]!["audit"]!["details"]!["last_write_ok"]!.GetValue<bool>(), Is.True);
        Assert.That(after.IsSuccess, Is.True, after.Error?.Message);
        Assert.That(burly.Pack.MutateCalls, Is.EqualTo(1));
        Assert.That(AuditChainVerifier.VerifyLog(auditPath).Valid, Is.True);
    }

    /// <summary>Fills the free bytes of the audit file's last page with the smallest valid records, until a write fails.</summary>
    private static async Task<int> FillSlackAsync(IAuditLog log)
    {
        for (var written = 0; ; written++)
        {
            try
            {
                await log.AppendAsync(new AuditRecord { Timestamp = DateTimeOffset.UtcNow });
            }
            catch (AuditWriteException)
            {
                return written;
            }
        }
    }
}
