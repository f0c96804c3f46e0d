using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Burly.Host.Stdio.Stdio;
using Burly.Host.Stdio.Tests.TestSupport;

namespace Burly.Host.Stdio.Tests.Stdio;

/// <summary>Issue 13 item 11: stdio lines are capped (length and nesting) before the SDK parses them.</summary>
public sealed class LineLimitingStreamTests
{
    [Test]
    public async Task ReadAsync_LineOverLimit_IsReplacedByRejectedLineWithItsId()
    {
        var input = "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"x\",\"params\":{\"s\":\"" + new string('a', 5000) + "\"}}\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n";
        using var stream = new LineLimitingStream(new MemoryStream(Encoding.UTF8.GetBytes(input)), maxLineBytes: 1024, maxDepth: 64);

        var lines = (await new StreamReader(stream).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Has.Length.EqualTo(2));
        var first = JsonNode.Parse(lines[0])!;
        Assert.That((first["method"]?.GetValue<string>(), first["id"]?.GetValue<int>()), Is.EqualTo((RejectedLine.Method, 42)));
        Assert.That(lines[1], Is.EqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
        Assert.That(stream.Rejected, Is.EqualTo(1));
    }

    [Test]
    public async Task ReadAsync_NestingOverLimit_IsRejectedButBracketsInStringsDoNotCount()
    {
        var deep = "{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"x\",\"params\":" + new string('[', 100) + new string(']', 100) + "}\n";
        var quoted = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",\"params\":{\"s\":\"" + new string('[', 100) + "\\\"{\"}}\n";
        using var stream = new LineLimitingStream(new MemoryStream(Encoding.UTF8.GetBytes(deep + quoted)), maxLineBytes: 1 << 20, maxDepth: 64);

        var lines = (await new StreamReader(stream).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(JsonNode.Parse(lines[0])!["id"]?.GetValue<string>(), Is.EqualTo("d"));
        Assert.That(JsonNode.Parse(lines[0])!["method"]?.GetValue<string>(), Is.EqualTo(RejectedLine.Method));
        Assert.That(lines[1], Is.EqualTo(quoted.TrimEnd('\n')));
    }

    /// <summary>The probe against the built process: a 5 MB line nested 100k deep, then a ping.</summary>
    [Test]
    [Category("EndToEnd")]
    [CancelAfter(60_000)]
    public async Task Serve_FiveMegabyteDeeplyNestedLine_AnswersErrorKeepsServingAndMemoryStaysBounded()
    {
        using var burly = new BurlyProcess();
        var (command, prefix) = BurlyProcess.Launcher;
        var psi = new ProcessStartInfo(command, prefix)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in burly.Environment)
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        _ = process.StandardError.ReadToEndAsync();
        var input = process.StandardInput;
        await input.WriteLineAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        await input.WriteLineAsync("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        var nesting = 100_000;
        var bomb = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"disk_space\",\"arguments\":{\"x\":")
            .Append('[', nesting).Append(new string('a', 4_800_000).Replace("a", "1,", StringComparison.Ordinal)[..(5_000_000 - (2 * nesting))]).Append(']', nesting).Append("}}}");
        await input.WriteLineAsync(bomb.ToString());
        await input.WriteLineAsync("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}");
        await input.FlushAsync();

        var answers = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        while (answers.Count < 3)
        {
            var line = await process.StandardOutput.ReadLineAsync();
            Assert.That(line, Is.Not.Null, "burly closed stdout before answering");
            var node = JsonNode.Parse(line!)!;
            answers[node["id"]!.ToJsonString()] = node;
        }

        var peakKb = PeakResidentKilobytes(process.Id);
        input.Close();
        await process.WaitForExitAsync();

        TestContext.Out.WriteLine($"peak RSS {peakKb / 1024} MiB; bomb {bomb.Length} bytes");
        Assert.Multiple(() =>
        {
            Assert.That(answers["7"]["error"]?["code"]?.GetValue<int>(), Is.EqualTo(-32600));
            Assert.That(answers["7"]["error"]?["message"]?.GetValue<string>(), Does.Contain("refused before parsing"));
            Assert.That(answers["9"]["result"], Is.Not.Null, "the process keeps serving");
            Assert.That(peakKb, Is.LessThan(110 * 1024), "peak resident memory");
            Assert.That(process.ExitCode, Is.Zero);
        });
    }

    private static long PeakResidentKilobytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
