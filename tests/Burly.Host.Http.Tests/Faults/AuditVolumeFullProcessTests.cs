using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Burly.Core.Tests.TestSupport;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Faults;

/// <summary>
/// Issue 13/15 fault test: the built HTTP host with its audit log on a 1 MiB tmpfs. Healthy → the volume fills up
/// (old rotated audit files) → mutations refused with <c>INTERNAL</c> and never run, reads go on, health and metrics
/// tell the truth, no HTTP 500, no host path → the space is freed with the exact command of docs/operations.md's
/// "Disk Space Issues" procedure → without a restart health recovers, mutations run, <c>audit_recovered</c> is written
/// and <c>burly audit verify</c> passes.
/// </summary>
[NonParallelizable]
[Category("Faults")]
public sealed partial class AuditVolumeFullProcessTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task HttpHost_AuditVolumeFullThenFreedPerGuide_RefusesMutationsReportsUnhealthyThenRecoversWithoutRestart()
    {
        using var directory = new TempDirectory();
        using var volume = TmpfsVolume.Mount(1024);
        var stage = Path.Combine(directory.Path, "stage");
        var publish = Path.Combine(directory.Path, "publish");
        var archive = Path.Combine(directory.Path, "backups");
        Directory.CreateDirectory(stage);
        Directory.CreateDirectory(publish);
        Directory.CreateDirectory(archive);
        for (var i = 0; i < 80; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(stage, $"p{i:000}.md"), $"---\ntitle: Post {i}\ndate: 2024-05-01\ntags: [fault]\n---\nBody.\n");
        }

        var auditPath = Path.Combine(volume.Path, "audit.jsonl");
        await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
        {
            ["BURLY_DATA_DIR"] = directory.Path,
            ["AUDIT_LOG_PATH"] = auditPath,
            ["BLOG_STAGE_ROOT"] = stage,
            ["BLOG_PUBLISH_ROOT"] = publish,
            ["RATE_LIMIT_DISABLED"] = "true",
            ["NOTIFICATIONS_ENABLED"] = "false",
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        var answers = new List<string>();
        var next = 0;

        // (a) Healthy: a mutation runs and is recorded.
        var healthy = await PublishAsync(http, next++, answers);
        Assert.That((bool?)healthy["ok"], Is.True, healthy.ToJsonString());
        Assert.That(File.Exists(Path.Combine(publish, "p000.md")), Is.True);
        var (healthStatus, health) = await GetJsonAsync(http, "/health");
        Assert.That((bool?)health["checks"]!["audit"]!["details"]!["last_write_ok"], Is.True, health.ToJsonString());

        // (b) Full: old rotated audit files take every byte left; the next mutations are refused and never run.
        FillWithRotatedFiles(volume.Path);
        string? refused = null;
        JsonObject? refusal = null;
        while (refused is null && next < 60)
        {
            var source = $"p{next:000}.md";
            var answer = await PublishAsync(http, next++, answers);
            if ((bool?)answer["ok"] != true)
            {
                (refused, refusal) = (source, answer);
            }
        }

        Assert.That(refused, Is.Not.Null, "a mutation must be refused once the audit volume is full");
        Assert.That((string?)refusal!["error_detail"]!["code"], Is.EqualTo("INTERNAL"), refusal.ToJsonString());
        Assert.That(File.Exists(Path.Combine(publish, refused!)), Is.False, "never a mutation without a record");
        var again = await PublishAsync(http, next, answers);
        Assert.That((string?)again["error_detail"]?["code"], Is.EqualTo("INTERNAL"), again.ToJsonString());
        Assert.That(File.Exists(Path.Combine(publish, $"p{next:000}.md")), Is.False, "still full: still refused");
        next++;

        using (var read = await http.PostAsJsonAsync("/mcp", new JsonObject { ["id"] = "read", ["method"] = "call_tool", ["name"] = "disk_space", ["args"] = new JsonObject() }))
        {
            var text = await read.Content.ReadAsStringAsync();
            answers.Add(text);
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That((bool?)JsonNode.Parse(text)!["ok"], Is.True, "read-only calls go on (docs/operations.md, CONTRACT §6): " + text);
        }

        (healthStatus, health) = await GetJsonAsync(http, "/health");
        answers.Add(health.ToJsonString());
        Assert.That(healthStatus, Is.EqualTo(HttpStatusCode.ServiceUnavailable), health.ToJsonString());
        Assert.That((string?)health["checks"]!["audit"]!["status"], Is.EqualTo("unhealthy"));
        Assert.That((bool?)health["checks"]!["audit"]!["details"]!["last_write_ok"], Is.False);
        var metrics = await http.GetStringAsync("/metrics");
        Assert.That(AuditFailures(metrics), Is.GreaterThan(0), "burly_mcp_audit_write_failures_total counts the lost records");

        // (c) Free the space exactly as the guide's "Disk Space Issues" step 4 says; no restart.
        RunGuideArchiveStep(volume.Path, archive);
        Assert.That(Directory.GetFiles(volume.Path, "audit.jsonl.*").Where(f => char.IsAsciiDigit(f[^1])), Is.Empty, "the guide's step moved the rotated files off the volume");
        Assert.That(Directory.GetFiles(archive, "audit-logs-*.tar.gz"), Has.Length.EqualTo(1), "archived, not lost");

        var clock = Stopwatch.StartNew();
        do
        {
            (healthStatus, health) = await GetJsonAsync(http, "/health");
            if ((bool?)health["checks"]!["audit"]!["details"]!["last_write_ok"] == true)
            {
                break;
            }

            await Task.Delay(200);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(15));

        TestContext.Out.WriteLine($"recovered after {clock.ElapsedMilliseconds} ms: {health.ToJsonString()}");
        Assert.That((bool?)health["checks"]!["audit"]!["details"]!["last_write_ok"], Is.True, "health recovers without a restart: " + health.ToJsonString());
        Assert.That((string?)health["checks"]!["audit"]!["status"], Is.Not.EqualTo("unhealthy"), "a 1 MiB volume may be degraded (little free space), never unhealthy");
        Assert.That(healthStatus, Is.EqualTo(HttpStatusCode.OK));
        var after = await PublishAsync(http, next, answers);
        Assert.That((bool?)after["ok"], Is.True, after.ToJsonString());
        Assert.That(File.Exists(Path.Combine(publish, $"p{next:000}.md")), Is.True);

        var records = File.ReadAllLines(auditPath).Select(l => JsonNode.Parse(l)!).ToList();
        var recovered = records.Where(r => (string?)r["event_type"] == "audit_recovered").ToList();
        Assert.That(recovered, Has.Count.EqualTo(1));
        Assert.That((long?)recovered[0]["details"]!["records_not_written"], Is.GreaterThan(0));
        var (exit, verify) = await VerifyAsync(directory.Path, auditPath);
        Assert.That(exit, Is.Zero, verify);

        Assert.That(answers, Has.None.Contains(volume.Path).And.None.Contains(directory.Path), "no host path in any answer");
        Assert.That(answers, Has.None.Contains("   at "), "no stack trace in any answer");
    }

    /// <summary>Writes rotated audit files (<c>audit.jsonl.1</c>, <c>.2</c>…, as old logs would) until the volume has no byte left.</summary>
    private static void FillWithRotatedFiles(string volume)
    {
        var chunk = new byte[4096];
        for (var n = 1; n < 20; n++)
        {
            using var file = new FileStream(Path.Combine(volume, $"audit.jsonl.{n}"), FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1);
            try
            {
                for (var i = 0; i < 64; i++)
                {
                    file.Write(chunk);
                }
            }
            catch (IOException)
            {
                try
                {
                    while (true)
                    {
                        file.Write(chunk, 0, 1);
                    }
                }
                catch (IOException)
                {
                    return;
                }
            }
        }

        Assert.Fail("the volume never filled up");
    }

    /// <summary>
    /// Runs the <c>tar</c> line of docs/operations.md's "Disk Space Issues" block, with the guide's audit directory
    /// (<c>/var/log/agentops</c>) and backup directory (<c>/backups</c>) replaced by the test's.
    /// </summary>
    private static void RunGuideArchiveStep(string auditDirectory, string backups)
    {
        var guide = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "operations.md"));
        var section = guide[guide.IndexOf("**Disk Space Issues:**", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("```\n\n", section.IndexOf("```bash", StringComparison.Ordinal) + 7, StringComparison.Ordinal)];
        var line = section.Split('\n').Single(l => l.TrimStart().StartsWith("tar ", StringComparison.Ordinal));
        var command = CommentPattern().Replace(line, string.Empty).Replace("/var/log/agentops", auditDirectory, StringComparison.Ordinal).Replace("/backups", backups, StringComparison.Ordinal);
        TestContext.Out.WriteLine("guide step: " + command);
        var start = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = backups };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{command}\n{error}");
    }

    private static async Task<JsonObject> PublishAsync(HttpClient http, int n, List<string> answers)
    {
        var body = new JsonObject { ["id"] = $"p{n}", ["method"] = "call_tool", ["name"] = "blog_publish_static", ["args"] = new JsonObject { ["source_files"] = new JsonArray($"p{n:000}.md"), ["_confirm"] = true } };
        using var response = await http.PostAsJsonAsync("/mcp", body);
        var text = await response.Content.ReadAsStringAsync();
        answers.Add(text);
        Assert.That((int)response.StatusCode, Is.Not.EqualTo(500), text);
        Assert.That(text, Is.Not.Empty, $"HTTP {(int)response.StatusCode} with an empty body");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    private static double AuditFailures(string metrics)
    {
        var lines = metrics.Split('\n').Where(l => l.StartsWith("burly_mcp_audit_write_failures_total", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Is.Not.Empty, "burly_mcp_audit_write_failures_total is exported");
        return lines.Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private static async Task<(int Exit, string Output)> VerifyAsync(string dataDirectory, string auditPath)
    {
        var dir = Path.Combine(TestPaths.RepositoryRoot, "src", "Burly.Host.Stdio", "bin", TestPaths.Configuration, "net10.0");
        var apphost = Path.Combine(dir, "burly");
        var psi = File.Exists(apphost) ? new ProcessStartInfo(apphost, ["audit", "verify"]) : new ProcessStartInfo("dotnet", [Path.Combine(dir, "burly.dll"), "audit", "verify"]);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.Environment["BURLY_DATA_DIR"] = dataDirectory;
        psi.Environment["AUDIT_LOG_PATH"] = auditPath;
        using var verify = Process.Start(psi)!;
        var output = await verify.StandardOutput.ReadToEndAsync() + await verify.StandardError.ReadToEndAsync();
        await verify.WaitForExitAsync();
        return (verify.ExitCode, output);
    }

    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex CommentPattern();
}
