using System.Text.Json.Nodes;

namespace Burly.Host.Stdio.Tests.Operations;

public sealed class AuditCommandTests
{
    private string _dir = null!;
    private string _audit = null!;
    private Dictionary<string, string?> _env = null!;

    [OneTimeSetUp]
    public async Task CreateLog()
    {
        // A real log written by real calls: 3 successes, 1 unknown tool, 1 invalid arguments.
        _dir = BurlyProcess.CreateTempDirectory();
        _env = BurlyProcess.Environment(_dir);
        _audit = Path.Combine(_dir, "audit", "audit.jsonl");
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await BurlyProcess.RunAsync(_env, "tools", "call", "disk_space")).ExitCode, Is.Zero);
        }

        await BurlyProcess.RunAsync(_env, "tools", "call", "no_such_tool");
        await BurlyProcess.RunAsync(_env, "tools", "call", "disk_space", "--args", "{\"bogus\":1}");
    }

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Copy()
    {
        var copy = Path.Combine(_dir, "copy-" + Guid.NewGuid().ToString("N")[..6], "audit.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(_audit, copy);
        return copy;
    }

    [Test]
    public async Task Verify_IntactLog_ExitsZero()
    {
        var (code, stdout, _) = await BurlyProcess.RunAsync(_env, "audit", "verify");

        Assert.That(stdout, Does.StartWith("audit chain valid: 5 records"));
        Assert.That(code, Is.Zero);
    }

    [Test]
    public async Task Verify_TamperedLine_NamesSeqAndExitsOne()
    {
        var copy = Copy();
        var lines = File.ReadAllLines(copy);
        lines[1] = lines[1].Replace("\"result\":\"success\"", "\"result\":\"failure\"", StringComparison.Ordinal);
        File.WriteAllLines(copy, lines);

        var (code, stdout, _) = await BurlyProcess.RunAsync(_env, "audit", "verify", "--file", copy);

        Assert.That(stdout, Does.Contain("BROKEN at seq 2"));
        Assert.That(code, Is.EqualTo(1));
    }

    [Test]
    public async Task Verify_DeletedLine_NamesMissingSeqAndExitsOne()
    {
        var copy = Copy();
        File.WriteAllLines(copy, File.ReadAllLines(copy).Where((_, i) => i != 2));

        var (code, stdout, _) = await BurlyProcess.RunAsync(_env, "audit", "verify", "--json", "--file", copy);

        var result = JsonNode.Parse(stdout)!;
        Assert.That(result["first_bad_seq"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(result["problem"]!.GetValue<string>(), Does.Contain("seq 3 is missing"));
        Assert.That(code, Is.EqualTo(1));
    }

    [Test]
    public async Task Verify_TornLastLine_ReportedAndExitsZero()
    {
        var copy = Copy();
        await File.AppendAllTextAsync(copy, "{\"timestamp\":\"20");

        var (code, _, stderr) = await BurlyProcess.RunAsync(_env, "audit", "verify", "--file", copy);

        Assert.That(stderr, Does.Contain("torn last line at audit.jsonl:6"));
        Assert.That(code, Is.Zero);
    }

    [Test]
    public async Task Query_ByResult_PrintsOnlyMatchingJsonLines()
    {
        var (code, stdout, _) = await BurlyProcess.RunAsync(_env, "audit", "query", "--result", "invalid", "--since", "24h");

        var records = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(records, Has.Count.EqualTo(2));
        Assert.That(records.Select(r => r["tool_name"]!.GetValue<string>()), Is.EquivalentTo(new[] { "no_such_tool", "disk_space" }));
        Assert.That(code, Is.Zero);
    }

    [Test]
    public async Task Report_Last24Hours_NumbersMatchTheCalls()
    {
        var (code, stdout, _) = await BurlyProcess.RunAsync(_env, "audit", "report", "--since", "24h", "--json");

        var report = JsonNode.Parse(stdout)!;
        Assert.That(report["tool_calls"]!.GetValue<long>(), Is.EqualTo(5));
        Assert.That(report["by_result"]!["success"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(report["by_result"]!["invalid"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(report["by_tool"]!["disk_space"]!.GetValue<long>(), Is.EqualTo(4));
        Assert.That(report["chain"]!["valid"]!.GetValue<bool>(), Is.True);
        Assert.That(code, Is.Zero);
    }

    [Test]
    public async Task Stats_Json_CountsAreTheComplianceReportsOverEveryRecord()
    {
        var (code, stdout, _) = await BurlyProcess.RunAsync(_env, "audit", "stats", "--json");
        var (_, reportOut, _) = await BurlyProcess.RunAsync(_env, "audit", "report", "--since", "all", "--json");

        Assert.That(code, Is.Zero);
        var stats = JsonNode.Parse(stdout)!;
        var report = JsonNode.Parse(reportOut)!;
        Assert.That(stats["records"]!.GetValue<long>(), Is.EqualTo(5));
        Assert.That((stats["first_seq"]!.GetValue<long>(), stats["last_seq"]!.GetValue<long>()), Is.EqualTo((1L, 5L)));
        Assert.That(stats["first_timestamp"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(stats["tool_calls_by_result"]!["success"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(stats["by_event_type"]!.ToJsonString(), Is.EqualTo(report["by_event_type"]!.ToJsonString()));
        Assert.That(stats["tool_calls_by_result"]!.ToJsonString(), Is.EqualTo(report["by_result"]!.ToJsonString()));
        Assert.That(stats["tool_calls_by_tool"]!.ToJsonString(), Is.EqualTo(report["by_tool"]!.ToJsonString()));
    }

    [Test]
    public async Task Tail_TwoLines_PrintsLastTwoRecords()
    {
        var (code, stdout, _) = await BurlyProcess.RunAsync(_env, "audit", "tail", "-n", "2");

        var seqs = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["seq"]!.GetValue<long>());
        Assert.That(seqs, Is.EqualTo(new long[] { 4, 5 }));
        Assert.That(code, Is.Zero);
    }
}
