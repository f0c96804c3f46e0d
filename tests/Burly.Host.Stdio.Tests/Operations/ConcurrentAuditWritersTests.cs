namespace Burly.Host.Stdio.Tests.Operations;

public sealed class ConcurrentAuditWritersTests
{
    [Test]
    public async Task ParallelCliProcesses_AppendToOneLog_ChainStaysValid()
    {
        var dir = BurlyProcess.CreateTempDirectory();
        try
        {
            var env = BurlyProcess.Environment(dir);

            var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => BurlyProcess.RunAsync(env, "tools", "call", "disk_space")));
            var (code, stdout, _) = await BurlyProcess.RunAsync(env, "audit", "verify");

            Assert.That(runs.Select(r => r.ExitCode), Has.All.Zero);
            Assert.That(stdout, Does.StartWith("audit chain valid: 4 records (seq 1..4)"));
            Assert.That(code, Is.Zero);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
