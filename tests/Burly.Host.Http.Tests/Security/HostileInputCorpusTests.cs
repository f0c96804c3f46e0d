using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Burly.Host.Http.Tests.Infrastructure;
using Burly.Tests.Corpus;

namespace Burly.Host.Http.Tests.Security;

/// <summary>
/// The hostile-input corpus (tests/corpus/http.jsonl) against the HTTP host in process, over MCP at /mcp and the
/// legacy JSON shape: one server for the fixture, one test per case. Each case asserts its expected code or status,
/// that nothing outside the configured roots changed, that the answer leaks no secret, host path or stack trace,
/// and that a valid call still succeeds afterwards.
/// </summary>
[Category("Corpus")]
[NonParallelizable]
public sealed class HostileInputCorpusTests
{
    internal const string ApiKey = "corpus-api-key-4d1f9c2b7e61";
    internal const string GotifyToken = "corpus-gotify-token-a83e55c0";
    private CorpusRoots _roots = null!;
    private BurlyHttpFactory _factory = null!;
    private HttpClient _http = null!;
    private int _nextId;

    public static IEnumerable<TestCaseData> Cases => CorpusCase.Load("http.jsonl");

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _roots = new CorpusRoots();
        _factory = new BurlyHttpFactory(CorpusSettings(_roots));
        _http = _factory.CreateClient();
        _http.Timeout = TimeSpan.FromSeconds(60);
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _http.Dispose();
        _factory.Dispose();
        _roots.Dispose();
    }

    internal static Dictionary<string, string?> CorpusSettings(CorpusRoots roots) => new()
    {
        ["Burly:Policy:File"] = Path.Combine(TestPaths.RepositoryRoot, "src", "Burly.Core", "Policy", "default-policy.yaml"),
        ["Burly:DataDirectory"] = roots.Data,
        ["Burly:Audit:Path"] = Path.Combine(roots.Data, "audit.jsonl"),
        ["Burly:Http:Stateless"] = "true",
        ["Burly:Http:ApiKey"] = ApiKey,
        ["Burly:Http:RateLimitDisabled"] = "true",
        ["Burly:Blog:StageRoot"] = roots.Stage,
        ["Burly:Blog:PublishRoot"] = roots.Publish,
        ["Burly:Notifications:Gotify:Url"] = "http://127.0.0.1:9",
        ["Burly:Notifications:Gotify:Token"] = GotifyToken,
        ["Burly:Docker:Host"] = "unix://" + Path.Combine(roots.Data, "no-docker.sock"),
    };

    [TestCaseSource(nameof(Cases))]
    public async Task Corpus_HostileInput_AnswersTheExpectedCodeAndStillServes(CorpusCase c)
    {
        using var request = Build(c);
        var requestText = c.Node.ToJsonString();
        using var response = await _http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ": " + string.Join(',', h.Value)));

        if (Environment.GetEnvironmentVariable("BURLY_CORPUS_RECORD") is { Length: > 0 } record)
        {
            File.AppendAllText(record, $"{c.Id}\t{(int)response.StatusCode}\t{string.Join(',', CorpusAnswer.Codes(answer))}\n");
        }

        CorpusAnswer.AssertExpected(c, answer, (int)response.StatusCode);
        CorpusAnswer.AssertNoLeak(c.Id, answer + "\n" + headers, [ApiKey, GotifyToken], HostPaths(_roots, requestText));
        _roots.AssertUnchanged(c.Id);
        await AssertStillServesAsync(_http, c.Id);
    }

    internal static IEnumerable<string> HostPaths(CorpusRoots roots, string requestText)
    {
        yield return TestPaths.RepositoryRoot;
        if (!requestText.Contains("{OUTSIDE}", StringComparison.Ordinal) && !requestText.Contains("{STAGE}", StringComparison.Ordinal))
        {
            yield return roots.Root;
        }
    }

    internal static async Task AssertStillServesAsync(HttpClient http, string caseId)
    {
        using var request = RequestFor("/mcp", """{"jsonrpc":"2.0","id":"follow-up","method":"tools/call","params":{"name":"disk_space","arguments":{"threshold_percent":99}}}""");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{caseId}: the follow-up call failed: {CorpusAnswer.Shorten(text)}");
        Assert.That(CorpusAnswer.AnyOk(text), Is.True, $"{caseId}: the follow-up call failed: {CorpusAnswer.Shorten(text)}");
    }

    internal static HttpRequestMessage RequestFor(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("X-Api-Key", ApiKey);
        return request;
    }

    private HttpRequestMessage Build(CorpusCase c)
    {
        var send = c.Send;
        string Replace(string s) => _roots.Replace(s, ApiKey);
        byte[] body;
        if (send["mcp_call"] is JsonObject mcp)
        {
            var call = CorpusCase.Substitute(mcp, Replace)!;
            body = Encoding.UTF8.GetBytes(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = ++_nextId, ["method"] = "tools/call", ["params"] = call }.ToJsonString());
        }
        else if (send["legacy_call"] is JsonObject legacy)
        {
            var call = CorpusCase.Substitute(legacy, Replace)!.AsObject();
            body = Encoding.UTF8.GetBytes(new JsonObject { ["id"] = $"c{++_nextId}", ["method"] = "call_tool", ["name"] = call["name"]!.DeepClone(), ["args"] = call["args"]?.DeepClone() }.ToJsonString());
        }
        else if (send["raw"] is JsonValue raw)
        {
            body = Encoding.UTF8.GetBytes(Replace((string)raw!));
        }
        else if (send["b64"] is JsonValue b64)
        {
            body = Convert.FromBase64String((string)b64!);
        }
        else
        {
            var gen = send["gen"]!.AsObject();
            body = Encoding.UTF8.GetBytes(CorpusBodies.Generate((string)gen["kind"]!, (int)gen["n"]!, """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":""", "}}"));
        }

        var request = new HttpRequestMessage(new HttpMethod((string?)send["method"] ?? "POST"), (string?)send["path"] ?? "/mcp")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", (string?)send["content_type"] ?? "application/json");
        var accept = send.ContainsKey("accept") ? (string?)send["accept"] : "application/json, text/event-stream";
        if (!string.IsNullOrEmpty(accept))
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (!send.ContainsKey("api_key"))
        {
            request.Headers.Add("X-Api-Key", ApiKey);
        }
        else if (send["api_key"] is JsonValue key)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", Replace((string)key!));
        }

        if (send["protocol"] is JsonValue protocol)
        {
            request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", (string)protocol!);
        }

        foreach (var (name, value) in send["headers"]?.AsObject() ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, Replace((string)value!));
        }

        return request;
    }
}
