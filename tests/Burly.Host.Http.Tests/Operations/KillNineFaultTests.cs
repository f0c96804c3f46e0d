using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Operations;

/// <summary>
/// Issue 13 fault test: the built HTTP host under ~100 concurrent mixed calls (publishing distinct blog files with
/// <c>_confirm: true</c>, plus reads) is killed with SIGKILL mid-run, a few rounds on the same data directory. After
/// every round: every published file has a <c>tool_call_intent</c> record, only the last audit line may be torn,
/// and after the last round <c>burly audit verify</c> passes (intents with no outcome are "outcome unknown").
/// </summary>
[NonParallelizable]
[Category("Faults")]
public sealed class KillNineFaultTests
{
    private const int Rounds = 3;
    private const int CallsPerRound = 100;

    [Test]
    [CancelAfter(150_000)]
    public async Task Host_KilledUnderConcurrentMutations_EveryMutationHasAnIntentRecordAndChainVerifies()
    {
        using var directory = new TempDirectory();
        var stage = Path.Combine(directory.Path, "stage");
        var publish = Path.Combine(directory.Path, "publish");
        Directory.CreateDirectory(stage);
        Directory.CreateDirectory(publish);
        var audit = Path.Combine(directory.Path, "audit", "audit.jsonl");
        var totals = (published: 0, withoutRecord: 0, torn: 0, unknown: 0);

        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < CallsPerRound; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(stage, $"r{round}-p{i:000}.md"), $"---\ntitle: Post {round}-{i}\ndate: 2024-05-01\ntags: [fault]\n---\nBody.\n");
            }

            await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
            {
                ["BURLY_DATA_DIR"] = directory.Path,
                ["BLOG_STAGE_ROOT"] = stage,
                ["BLOG_PUBLISH_ROOT"] = publish,
                ["RATE_LIMIT_DISABLED"] = "true",
                ["MAX_CONCURRENT_TOOLS"] = "20",
                ["Burly__Limits__AdmissionTimeoutMs"] = "30000",
                ["NOTIFICATIONS_ENABLED"] = "false",
            });
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var calls = Enumerable.Range(0, CallsPerRound).Select(i => Task.Run(async () =>
            {
                var body = i % 3 == 2
                    ? new JsonObject { ["id"] = $"d{i}", ["method"] = "call_tool", ["name"] = "disk_space", ["args"] = new JsonObject() }
                    : new JsonObject { ["id"] = $"p{i}", ["method"] = "call_tool", ["name"] = "blog_publish_static", ["args"] = new JsonObject { ["source_files"] = new JsonArray($"r{round}-p{i:000}.md"), ["_confirm"] = true } };
                try
                {
                    using var response = await http.PostAsJsonAsync("/mcp", body);
                    return (int)response.StatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return -1;
                }
            })).ToList();

            // Kill once some, not all, files are published (or after a bounded wait).
            var clock = Stopwatch.StartNew();
            while (Directory.GetFiles(publish, $"r{round}-*").Length < 5 + (round * 10) && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(10);
            }

            using (var process = Process.GetProcessById(host.Id))
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            var statuses = await Task.WhenAll(calls);
            Assert.That(statuses, Has.None.EqualTo(500), "no HTTP 500 before the kill");

            var lines = File.ReadAllLines(audit);
            var records = new List<JsonObject>();
            for (var n = 0; n < lines.Length; n++)
            {
                try
                {
                    records.Add(JsonNode.Parse(lines[n])!.AsObject());
                }
                catch (System.Text.Json.JsonException)
                {
                    totals.torn++;
                    Assert.That(n, Is.EqualTo(lines.Length - 1), $"only the last line may be torn (line {n + 1} of {lines.Length})");
                }
            }

            var intents = records
                .Where(r => (string?)r["event_type"] == "tool_call_intent" && (string?)r["tool_name"] == "blog_publish_static")
                .SelectMany(r => r["arguments"]?["source_files"]?.AsArray().Select(f => (string?)f) ?? [])
                .ToHashSet(StringComparer.Ordinal);
            var published = Directory.GetFiles(publish, $"r{round}-*").Select(Path.GetFileName).ToList();
            var without = published.Where(f => !intents.Contains(f!)).ToList();
            totals.published += published.Count;
            totals.withoutRecord += without.Count;
            TestContext.Out.WriteLine($"round {round}: killed after {clock.ElapsedMilliseconds} ms; published {published.Count}/{CallsPerRound * 2 / 3}; answered {statuses.Count(s => s > 0)}; without intent {without.Count}");
            Assert.That(without, Is.Empty, "published files with no tool_call_intent record");
            Assert.That(published, Is.Not.Empty, "the round published something before the kill");
        }

        var (command, prefix) = Cli;
        var psi = new ProcessStartInfo(command, prefix.Concat(["audit", "verify", "--json"])) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["BURLY_DATA_DIR"] = directory.Path;
        using var verify = Process.Start(psi)!;
        var output = await verify.StandardOutput.ReadToEndAsync();
        await verify.WaitForExitAsync();
        var report = JsonNode.Parse(output)!;
        totals.unknown = report["outcome_unknown"]?.AsArray().Count ?? -1;
        TestContext.Out.WriteLine($"totals: published {totals.published}, without intent {totals.withoutRecord}, torn last lines {totals.torn}, outcome unknown {totals.unknown}; verify: {output.Trim()}");
        Assert.That(verify.ExitCode, Is.Zero, output + await verify.StandardError.ReadToEndAsync());
    }

    private static (string Command, string[] Prefix) Cli
    {
        get
        {
            var dir = Path.Combine(TestPaths.RepositoryRoot, "src", "Burly.Host.Stdio", "bin", TestPaths.Configuration, "net10.0");
            var apphost = Path.Combine(dir, "burly");
            return File.Exists(apphost) ? (apphost, []) : ("dotnet", [Path.Combine(dir, "burly.dll")]);
        }
    }
}
