using System.Text;
using System.Text.Json.Nodes;
using Burly.Host.Stdio.Tests.TestSupport;
using Burly.Tests.Corpus;

namespace Burly.Host.Stdio.Tests.Security;

/// <summary>
/// The hostile-input corpus against the built <c>burly</c>: tests/corpus/stdio.jsonl over one stdio server for
/// the fixture (raw lines, one test per case, each followed by a valid call that must succeed), and
/// tests/corpus/cli.jsonl through <c>burly tools call NAME --args JSON</c> (one process per case, which must
/// exit with an error, not crash or hang). Each case asserts its expected code, that nothing outside the roots
/// changed and that the answer holds no secret, host path or stack trace.
/// </summary>
[Category("Corpus")]
[NonParallelizable]
public sealed class HostileInputCorpusTests
{
    private CorpusRoots _roots = null!;
    private StdioSession _session = null!;

    public static IEnumerable<TestCaseData> StdioCases => CorpusCase.Load("stdio.jsonl");

    public static IEnumerable<TestCaseData> CliCases => CorpusCase.Load("cli.jsonl");

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _roots = new CorpusRoots();
        _session = await StdioSession.StartAsync(_roots);
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown()
    {
        await _session.DisposeAsync();
        _roots.Dispose();
    }

    [TestCaseSource(nameof(StdioCases))]
    public async Task Stdio_HostileLine_AnswersTheExpectedCodeAndStillServes(CorpusCase c)
    {
        var (line, caseId) = Line(c);

        var (answer, followUp) = await _session.ExchangeAsync(line, caseId, TimeSpan.FromSeconds(30));

        Record(c.Id, answer);
        Assert.That(_session.HasExited, Is.False, $"{c.Id}: burly exited. stderr:\n{CorpusAnswer.Shorten(_session.Stderr)}");
        CorpusAnswer.AssertExpected(c, answer, status: null);
        CorpusAnswer.AssertNoLeak(c.Id, answer, StdioSession.Secrets, HostPaths(c));
        _roots.AssertUnchanged(c.Id);
        Assert.That(CorpusAnswer.AnyOk(followUp), Is.True, $"{c.Id}: the follow-up call did not succeed: '{CorpusAnswer.Shorten(followUp)}'. stderr:\n{CorpusAnswer.Shorten(_session.Stderr)}");
    }

    [TestCaseSource(nameof(CliCases))]
    public async Task Cli_HostileArguments_ExitsWithTheExpectedCode(CorpusCase c)
    {
        using var burly = new BurlyProcess();
        foreach (var (k, v) in StdioSession.Environment(_roots))
        {
            burly.Environment[k] = v;
        }

        var args = _roots.Replace((string)c.Send["args"]!, "corpus-api-key-4d1f9c2b7e61");

        var (exit, stdout, stderr) = await burly.RunAsync(["tools", "call", (string)c.Send["tool"]!, "--args", args]);

        Record(c.Id, stdout + "\n" + stderr);
        Assert.That(exit, Is.InRange(1, 9), $"{c.Id}: exit code {exit} (expected an error exit, not success or a crash). stderr: {CorpusAnswer.Shorten(stderr)}");
        if (c.Expect["exit"] is { } expectedExit)
        {
            Assert.That(exit, Is.EqualTo((int)expectedExit), $"{c.Id}: stderr {CorpusAnswer.Shorten(stderr)}");
        }
        else
        {
            CorpusAnswer.AssertExpected(c, stdout, status: null);
        }

        CorpusAnswer.AssertNoLeak(c.Id, stdout + "\n" + stderr, StdioSession.Secrets, HostPaths(c));
        _roots.AssertUnchanged(c.Id);
    }

    private IEnumerable<string> HostPaths(CorpusCase c)
    {
        yield return AppContext.BaseDirectory.TrimEnd('/');
        if (!c.Node.ToJsonString().Contains("{OUTSIDE}", StringComparison.Ordinal) && !c.Node.ToJsonString().Contains("{STAGE}", StringComparison.Ordinal))
        {
            yield return _roots.Root;
        }
    }

    private static void Record(string id, string answer)
    {
        if (Environment.GetEnvironmentVariable("BURLY_CORPUS_RECORD") is { Length: > 0 } record)
        {
            File.AppendAllText(record, $"{id}\t{string.Join(',', CorpusAnswer.Codes(answer))}\t{CorpusAnswer.Shorten(answer).ReplaceLineEndings(" ")}\n");
        }
    }

    private static int _nextId;

    private (byte[] Line, string? CaseId) Line(CorpusCase c)
    {
        var send = c.Send;
        string Replace(string s) => _roots.Replace(s, "corpus-api-key-4d1f9c2b7e61");
        if (send["mcp_call"] is JsonObject mcp)
        {
            var id = $"case-{++_nextId}";
            var call = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = "tools/call", ["params"] = CorpusCase.Substitute(mcp, Replace) };
            return (Encoding.UTF8.GetBytes(call.ToJsonString()), $"\"id\":\"{id}\"");
        }

        if (send["line"] is JsonValue line)
        {
            var text = Replace((string)line!);
            string? id = null;
            try
            {
                id = (JsonNode.Parse(text) is JsonObject o ? o["id"] : null) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? $"\"id\":\"{(string)v!}\"" : null;
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException)
            {
                // Not JSON (or a duplicate key): the answer, if any, has no id to wait for.
            }

            return (Encoding.UTF8.GetBytes(text), id);
        }

        if (send["b64"] is JsonValue b64)
        {
            return (Convert.FromBase64String((string)b64!), null);
        }

        var gen = send["gen"]!.AsObject();
        return (Encoding.UTF8.GetBytes(CorpusBodies.Generate((string)gen["kind"]!, (int)gen["n"]!, """{"jsonrpc":"2.0","id":"bomb","method":"tools/call","params":{"name":"disk_space","arguments":""", "}}")), null);
    }
}
