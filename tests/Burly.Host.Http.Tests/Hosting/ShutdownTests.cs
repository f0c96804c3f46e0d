using System.Net;
using System.Text.RegularExpressions;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Hosting;

/// <summary>SIGTERM: stop accepting, let in-flight calls finish (up to 10 s), flush the audit, exit 0.</summary>
[NonParallelizable]
public sealed partial class ShutdownTests
{
    [Test]
    public async Task Sigterm_DuringSlowCall_CallFinishesAndProcessExitsZero()
    {
        using var directory = new TempDirectory();
        var gate = Directory.CreateDirectory(Path.Combine(directory.Path, "gate")).FullName;
        var audit = directory.File("audit.jsonl");
        await using var host = await HostProcess.StartAsync(TestPaths.TestHostDll, new Dictionary<string, string?>
        {
            ["POLICY_FILE"] = TestPaths.Policy,
            ["BURLY_DATA_DIR"] = directory.Path,
            ["AUDIT_LOG_PATH"] = audit,
            ["BURLY_TEST_GATE_DIR"] = gate,
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var call = http.PostJsonAsync("/mcp", """{"id":"slow","method":"call_tool","name":"test_slow","args":{}}""");
        await WaitForFileAsync(Path.Combine(gate, "started"));

        host.SendSigterm();
        await host.WaitForLineAsync(StoppingLine());
        await File.WriteAllTextAsync(Path.Combine(gate, "release"), "go");
        var (response, body) = await call;
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((bool?)body["ok"], Is.True, body.ToJsonString());
        Assert.That(exitCode, Is.EqualTo(0));
        var records = AuditFile.Read(audit);
        var slow = records.Single(r => (string?)r["tool_name"] == "test_slow");
        Assert.That((string?)slow["result"], Is.EqualTo("success"));
        Assert.That((string?)records[^1]["event_type"], Is.EqualTo("server_stop"));
    }

    [Test]
    public async Task Sigterm_Idle_ExitsZeroWithServerStopRecord()
    {
        using var directory = new TempDirectory();
        var audit = directory.File("audit.jsonl");
        await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
        {
            ["BURLY_DATA_DIR"] = directory.Path,
            ["AUDIT_LOG_PATH"] = audit,
        });

        host.SendSigterm();
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(AuditFile.Read(audit).Select(r => (string?)r["event_type"]), Is.EqualTo(new[] { "server_start", "server_stop" }));
    }

    private static async Task WaitForFileAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!File.Exists(path))
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    [GeneratedRegex("Stopping: no new connections")]
    private static partial Regex StoppingLine();
}
