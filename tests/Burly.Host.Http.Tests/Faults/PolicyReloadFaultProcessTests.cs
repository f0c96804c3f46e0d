using System.Diagnostics;
using System.Text.Json.Nodes;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Faults;

/// <summary>
/// Issue 13 fault test: many concurrent calls to the built HTTP host while its policy file is rewritten over and over
/// with valid and invalid versions (file watch + SIGHUP). No HTTP 500, no crash; every call is answered under exactly
/// one policy version (version A enables <c>disk_space</c>, version B does not: each answer is a success or
/// <c>UNKNOWN_TOOL</c>, nothing else); invalid versions are counted as <c>result="failure"</c> and the previous policy
/// stays in force.
/// </summary>
[NonParallelizable]
[Category("Faults")]
public sealed class PolicyReloadFaultProcessTests
{
    private const string VersionA = """
        tools:
          disk_space:
            description: "Version A: disk space."
            args_schema: { type: object, properties: { path: { type: string } }, additionalProperties: false }
            mutates: false
            timeout_sec: 15
        """;

    private const string VersionB = """
        tools:
          docker_ps:
            description: "Version B: no disk_space."
            args_schema: { type: object, properties: {}, additionalProperties: false }
            mutates: false
            timeout_sec: 15
        """;

    private static readonly string[] Invalid =
    [
        "tools:\n  disk_space: [unclosed\n",
        "tools:\n  disk_space:\n    description: 5\n    mutates: maybe\n",
        "tools:\n  no_such_tool:\n    description: \"x\"\n    args_schema: { type: object }\n",
    ];

    [Test]
    [CancelAfter(90_000)]
    public async Task HttpHost_PolicyRewrittenDuringConcurrentCalls_EveryCallUnderOneVersionInvalidReloadsRejected()
    {
        using var directory = new TempDirectory();
        var policy = Path.Combine(directory.Path, "policy.yaml");
        await File.WriteAllTextAsync(policy, VersionA);
        await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
        {
            ["BURLY_DATA_DIR"] = directory.Path,
            ["POLICY_FILE"] = policy,
            ["RATE_LIMIT_DISABLED"] = "true",
            ["NOTIFICATIONS_ENABLED"] = "false",
            ["MAX_CONCURRENT_TOOLS"] = "20",
            ["Burly__Limits__AdmissionTimeoutMs"] = "20000",
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        using var stop = new CancellationTokenSource();
        var answers = new System.Collections.Concurrent.ConcurrentBag<string>();
        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (body, text, _) = await FaultHost.CallAsync(http, "disk_space");
                answers.Add((bool?)body["ok"] == true ? "ok" : FaultHost.Code(body) ?? text);
            }
        })).ToList();

        // Rewrite the policy: A, invalid, B, invalid, A, … (each followed by SIGHUP so every version is reloaded).
        var writes = (valid: 0, invalid: 0);
        var last = VersionA;
        var clock = Stopwatch.StartNew();
        for (var round = 0; clock.Elapsed < TimeSpan.FromSeconds(10); round++)
        {
            var text = (round % 4) switch
            {
                0 => VersionB,
                2 => VersionA,
                _ => Invalid[round % Invalid.Length],
            };
            await File.WriteAllTextAsync(policy + ".tmp", text);
            File.Move(policy + ".tmp", policy, overwrite: true);
            if (round % 4 is 0 or 2)
            {
                (writes.valid, last) = (writes.valid + 1, text);
            }
            else
            {
                writes.invalid++;
            }

            Hangup(host.Id);
            await Task.Delay(800); // longer than the 300 ms reload debounce, so most versions are really loaded
        }

        // End on an invalid version: the last valid one must stay in force.
        await File.WriteAllTextAsync(policy, Invalid[0]);
        Hangup(host.Id);
        await Task.Delay(1000);
        stop.Cancel();
        await Task.WhenAll(callers);

        var metrics = await http.GetStringAsync("/metrics");
        var success = FaultHost.Metric(metrics, "burly_mcp_policy_reloads_total", "result=\"success\"");
        var failure = FaultHost.Metric(metrics, "burly_mcp_policy_reloads_total", "result=\"failure\"");
        var byAnswer = answers.GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Out.WriteLine($"writes: {writes.valid} valid, {writes.invalid + 1} invalid; reloads: {success} success, {failure} failure; answers: {string.Join(", ", byAnswer.Select(kv => $"{kv.Key}={kv.Value}"))}; {string.Join(", ", metrics.Split('\n').Where(l => l.StartsWith("burly_mcp_policy_reloads_total{", StringComparison.Ordinal)))}");

        Assert.That(byAnswer.Keys, Is.SubsetOf(new[] { "ok", "UNKNOWN_TOOL" }), "each call ran under version A (ok) or B (UNKNOWN_TOOL), nothing in between");
        Assert.That(byAnswer.GetValueOrDefault("ok"), Is.GreaterThan(0));
        Assert.That(byAnswer.GetValueOrDefault("UNKNOWN_TOOL"), Is.GreaterThan(0), "version B was in force during the run");
        Assert.That(success, Is.GreaterThanOrEqualTo(4), "valid versions were reloaded");
        Assert.That(failure, Is.GreaterThanOrEqualTo(4), "invalid versions were rejected and counted");

        // The last valid version stays in force after the final invalid write; health says degraded.
        var (final, finalText, _) = await FaultHost.CallAsync(http, "disk_space");
        var expected = last == VersionA ? "ok" : "UNKNOWN_TOOL";
        Assert.That((bool?)final["ok"] == true ? "ok" : FaultHost.Code(final), Is.EqualTo(expected), finalText);
        var (status, health, _) = await FaultHost.HealthAsync(http);
        Assert.That((string?)health["checks"]!["policy"]!["status"], Is.EqualTo("degraded"), health.ToJsonString());
        Assert.That(status, Is.AnyOf(200, 503));
        Assert.That(host.Output, Does.Not.Contain("Unhandled exception"));
    }

    private static void Hangup(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-HUP", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
        Assert.That(kill.ExitCode, Is.Zero, "kill -HUP");
    }
}
