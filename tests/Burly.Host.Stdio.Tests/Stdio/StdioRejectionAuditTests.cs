using System.Text;
using System.Text.Json.Nodes;
using Burly.Host.Stdio.Tests.TestSupport;

namespace Burly.Host.Stdio.Tests.Stdio;

/// <summary>
/// Issue 13/15: every line the stdio host refuses (over-long, too deep, not JSON, unreadable params) is audited with an
/// error code, and a flood of them is aggregated (first few in full, the rest in a <c>rejections_summary</c>, written at
/// the latest when the process exits).
/// </summary>
public sealed class StdioRejectionAuditTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Serve_RefusedLines_AreAuditedWithCodesAndAFloodIsSummarised()
    {
        using var burly = new BurlyProcess();
        burly.Environment["Burly__Limits__MaxStdioLineBytes"] = "2048";
        var input = new StringBuilder();
        input.Append("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"").Append('a', 4000).Append("\"}}\n");
        input.Append("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":{\"x\":").Append('[', 100).Append(']', 100).Append("}}\n");
        for (var i = 0; i < 12; i++)
        {
            input.Append("{not json ").Append(i).Append('\n');
        }

        input.Append("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":5}}\n");
        input.Append("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}\n");
        var file = Path.Combine(burly.DataDirectory, "input.jsonl");
        await File.WriteAllTextAsync(file, input.ToString());

        var (exit, stdout, stderr) = await burly.ShellAsync($"$BURLY < '{file}'");

        Assert.That(exit, Is.Zero, stderr);
        var answers = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(answers.Single(a => (int?)a["id"] == 1)["error"]!["code"]!.GetValue<int>(), Is.EqualTo(-32600));
        Assert.That(answers.Single(a => (int?)a["id"] == 2)["error"]!["code"]!.GetValue<int>(), Is.EqualTo(-32600));
        Assert.That(answers.Single(a => (int?)a["id"] == 3)["error"]!["code"]!.GetValue<int>(), Is.EqualTo(-32602));
        Assert.That(answers.Single(a => (int?)a["id"] == 4)["result"], Is.Not.Null, "still serving");

        var records = File.ReadAllLines(burly.AuditPath).Select(l => JsonNode.Parse(l)!).ToList();
        var rejected = records.Where(r => (string?)r["event_type"] == "protocol_rejected").ToList();
        TestContext.Out.WriteLine(string.Join('\n', rejected.Select(r => r.ToJsonString())));
        Assert.That(Kind(rejected, "too_large").Select(r => (string?)r["error_code"]), Is.EqualTo(new[] { "REQUEST_TOO_LARGE" }));
        Assert.That(Kind(rejected, "too_deep").Select(r => (string?)r["error_code"]), Is.EqualTo(new[] { "REQUEST_TOO_LARGE" }));
        Assert.That(Kind(rejected, "invalid_params").Select(r => (string?)r["error_code"]), Is.EqualTo(new[] { "INVALID_ARGUMENTS" }));
        Assert.That(Kind(rejected, "invalid_json"), Has.Count.EqualTo(5), "the first 5 of the flood in full");
        Assert.That(Kind(rejected, "invalid_json").Select(r => (string?)r["error_code"]).Distinct(), Is.EqualTo(new[] { "INVALID_ARGUMENTS" }));
        Assert.That(rejected.Select(r => (string?)r["result"]).Distinct(), Is.EqualTo(new[] { "invalid" }));
        var summary = records.Where(r => (string?)r["event_type"] == "rejections_summary").ToList();
        Assert.That(summary, Has.Count.EqualTo(1), "the flood's last window is summarised at exit");
        Assert.That((long?)summary[0]["details"]!["not_recorded"], Is.EqualTo(7));
        Assert.That((string?)summary[0]["details"]!["event_type"], Is.EqualTo("protocol_rejected"));
        Assert.That(records.FindIndex(r => (string?)r["event_type"] == "rejections_summary"), Is.LessThan(records.FindIndex(r => (string?)r["event_type"] == "server_stop")), "summarised before the server_stop record");
    }

    private static List<JsonNode> Kind(List<JsonNode> records, string kind) => records.Where(r => (string?)r["details"]?["kind"] == kind).ToList();
}
