using System.Diagnostics;
using System.Text.Json.Nodes;
using Burly.Audit;

namespace Burly.Core.Tests.Audit;

/// <summary>The operations guide's jq one-liners, run verbatim (paths substituted) against a known audit log.</summary>
public sealed class GuideJqQueriesTests
{
    private string _dir = null!;
    private string _log = null!;

    [OneTimeSetUp]
    public async Task CreateLog()
    {
        if (!File.Exists("/usr/bin/jq") && !File.Exists("/usr/local/bin/jq"))
        {
            Assert.Ignore("jq is not installed (scripts/lib/ensure-jq.sh installs it).");
        }

        _dir = OpsTestHost.CreateTempDirectory();
        _log = Path.Combine(_dir, "audit.jsonl");
        using var log = AuditTestLog.Create(_log);
        var now = DateTimeOffset.UtcNow;
        async Task Add(string? tool, string result, string user, bool mutates = false, string eventType = AuditEventTypes.ToolCall, DateTimeOffset? at = null, string? args = null, string? error = null) =>
            await log.AppendAsync(new AuditRecord
            {
                Timestamp = at ?? now, EventType = eventType, ToolName = tool, Result = result, UserId = user, Error = error,
                MutatesSystem = mutates, RequiresConfirmation = mutates, Arguments = args is null ? new JsonObject() : JsonNode.Parse(args),
            });

        await Add(null, AuditResults.Success, "system", eventType: AuditEventTypes.ServerStart);
        await Add("disk_space", AuditResults.Success, "local:alice");
        await Add("docker_restart", AuditResults.Failure, "apikey:ops", mutates: true, error: "engine down");
        await Add("docker_restart", AuditResults.NeedConfirm, "apikey:ops", mutates: true);
        await Add("blog_stage_markdown", AuditResults.Denied, "apikey:ci", args: "{\"file_path\":\"../../etc/passwd\"}");
        await Add("blog_stage_markdown", AuditResults.Success, "apikey:ci", args: "{\"file_path\":\"posts/a.md\"}");
        await Add("disk_space", AuditResults.Success, "local:old", at: now.AddDays(-2));
        await Add(null, AuditResults.Denied, "anonymous", eventType: AuditEventTypes.AuthFailure);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private async Task<(string Out, string Err, int Code)> Bash(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script.Replace("/var/log/agentops/audit.jsonl", _log, StringComparison.Ordinal));
        start.Environment["TZ"] = "UTC";
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (await output, await error, p.ExitCode);
    }

    private static List<JsonNode> Objects(string jqOutput)
    {
        // jq pretty-prints; split the stream of objects.
        var list = new List<JsonNode>();
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(jqOutput), new System.Text.Json.JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            list.Add(JsonNode.Parse(ref reader)!);
        }

        return list;
    }

    [Test]
    public async Task ResultSummaryLast24h_CountsRecentRecordsOnly()
    {
        var (stdout, stderr, code) = await Bash("""jq -r 'select(.timestamp > "'$(date -d '24 hours ago' -Iseconds)'") | .result' /var/log/agentops/audit.jsonl | sort | uniq -c""");

        var counts = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split(' ')).ToDictionary(p => p[1], p => int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(counts, Is.EqualTo(new Dictionary<string, int> { ["denied"] = 2, ["failure"] = 1, ["need_confirm"] = 1, ["success"] = 3 }), stderr);
        Assert.That(code, Is.Zero);
    }

    [Test]
    public async Task SecurityEventsFilter_ConfirmationOrFailure()
    {
        var (stdout, stderr, code) = await Bash("""jq 'select(.security_context.requires_confirmation == true or .result == "failure")' /var/log/agentops/audit.jsonl""");

        Assert.That(Objects(stdout).Select(o => o["result"]!.GetValue<string>()), Is.EqualTo(new[] { "failure", "need_confirm" }), stderr);
        Assert.That(code, Is.Zero);
    }

    [Test]
    public async Task FailedOperationsAnalysis_ProjectsFields()
    {
        var (stdout, _, code) = await Bash("""jq 'select(.result == "failure") | {timestamp, tool_name, error, user_id}' /var/log/agentops/audit.jsonl""");

        var failure = Objects(stdout).Single();
        Assert.That(failure["tool_name"]!.GetValue<string>(), Is.EqualTo("docker_restart"));
        Assert.That(failure["error"]!.GetValue<string>(), Is.EqualTo("engine down"));
        Assert.That(failure["user_id"]!.GetValue<string>(), Is.EqualTo("apikey:ops"));
        Assert.That(code, Is.Zero);
    }

    [Test]
    public async Task UnusualFileAccess_BlogArgumentsWithTraversal()
    {
        var (stdout, stderr, code) = await Bash("""jq 'select(.tool_name | contains("blog")) | .arguments' /var/log/agentops/audit.jsonl | grep -E "\.\.|/etc|/root|/home" """);

        Assert.That(stdout.Trim(), Is.EqualTo("\"file_path\": \"../../etc/passwd\""), stderr);
        Assert.That(stderr, Is.Empty, "records without a tool must not make jq fail");
        Assert.That(code, Is.Zero);
    }

    [Test]
    public async Task PrivilegedOperations_MutatingRecords()
    {
        var (stdout, _, _) = await Bash("""jq 'select(.security_context.mutates_system == true)' /var/log/agentops/audit.jsonl""");

        Assert.That(Objects(stdout).Select(o => o["tool_name"]!.GetValue<string>()), Is.EqualTo(new[] { "docker_restart", "docker_restart" }));
    }

    [Test]
    public async Task ToolUsageByUser_CountsPairs()
    {
        var (stdout, _, code) = await Bash("""jq -r '"\(.timestamp) \(.user_id) \(.tool_name)"' /var/log/agentops/audit.jsonl | sort | uniq -c | sort -nr""");

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // 8 records; the two docker_restart and the two blog calls share timestamp, user and tool.
        Assert.That(lines, Has.Length.EqualTo(6));
        Assert.That(lines.Single(l => l.Contains("apikey:ops docker_restart", StringComparison.Ordinal)).TrimStart(), Does.StartWith("2 "));
        Assert.That(code, Is.Zero);
    }
}
