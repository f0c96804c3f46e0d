using System.Diagnostics;
using System.Net.Http.Headers;
using Burly.Host.Http.Tests.Infrastructure;
using Burly.Tests.Corpus;

namespace Burly.Host.Http.Tests.Security;

/// <summary>
/// Seeded, bounded mutation fuzzing of valid MCP and legacy messages against the HTTP host in process: never an
/// HTTP 5xx, no stack trace, secret or host path in an answer, nothing outside the roots changed, and a valid call
/// still succeeds afterwards. The seed is printed; BURLY_FUZZ_SEED / BURLY_FUZZ_ITERATIONS replay or soak.
/// </summary>
[Category("Fuzz")]
[NonParallelizable]
public sealed class MutationFuzzTests
{
    private static readonly string[] Valid =
    [
        """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":{"path":"/","threshold_percent":90}}}""",
        """{"jsonrpc":"2.0","id":"b","method":"tools/call","params":{"name":"blog_stage_markdown","arguments":{"file_path":"ok.md"}}}""",
        """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"blog_publish_static","arguments":{"source_files":["ok.md"],"overwrite":false}}}""",
        """{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{"elicitation":{}},"clientInfo":{"name":"fuzz","version":"1"}}}""",
        """{"jsonrpc":"2.0","id":4,"method":"tools/list","params":{}}""",
        """{"id":"l1","method":"call_tool","name":"docker_logs","args":{"container":"web","tail":10}}""",
        """{"id":"l2","method":"call_tool","params":{"name":"disk_space","arguments":{"threshold_percent":5}}}""",
        """{"id":"l3","method":"list_tools"}""",
    ];

    [Test]
    public async Task Fuzz_MutatedMessages_NeverFailTheServer()
    {
        var seed = JsonMutator.Seed();
        var iterations = JsonMutator.Iterations(1500);
        TestContext.Out.WriteLine($"HTTP fuzz: seed {seed} (replay with BURLY_FUZZ_SEED={seed}), {iterations} iterations");
        using var roots = new CorpusRoots();
        using var factory = new BurlyHttpFactory(HostileInputCorpusTests.CorpusSettings(roots));
        using var http = factory.CreateClient();
        // Every failure names the seed and the offending message, whatever throws (CI keeps only the failure message).
        var context = $"seed {seed}, before the first message";
        var watch = Stopwatch.StartNew();
        try
        {
            var mutator = new JsonMutator(seed);
            for (var i = 0; i < iterations; i++)
            {
                var body = mutator.Mutate(Valid[i % Valid.Length]);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
                request.Headers.Add("X-Api-Key", HostileInputCorpusTests.ApiKey);
                context = $"seed {seed}, iteration {i}, body {CorpusAnswer.Shorten(System.Text.Encoding.UTF8.GetString(body))}";
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request);
                }
                catch (Exception ex) when (ex is not AssertionException)
                {
                    Assert.Fail($"The server threw ({ex.GetType().Name}: {ex.Message}) — {context}");
                    return;
                }

                using (response)
                {
                    var answer = await response.Content.ReadAsStringAsync();
                    Assert.That((int)response.StatusCode, Is.LessThan(500), $"HTTP {(int)response.StatusCode} — {context}: {CorpusAnswer.Shorten(answer)}");
                    CorpusAnswer.AssertNoLeak(context, answer, [HostileInputCorpusTests.ApiKey, HostileInputCorpusTests.GotifyToken], [TestPaths.RepositoryRoot, roots.Root]);
                }

                if (i % 100 == 99)
                {
                    await HostileInputCorpusTests.AssertStillServesAsync(http, context);
                }
            }

            roots.AssertUnchanged($"seed {seed}");
            await HostileInputCorpusTests.AssertStillServesAsync(http, $"seed {seed}, after the run");
        }
        catch (Exception ex) when (ex is not (SuccessException or IgnoreException or InconclusiveException) && !ex.Message.Contains($"seed {seed}", StringComparison.Ordinal))
        {
            throw new AssertionException($"{ex.GetType().Name}: {ex.Message} — {context} (replay with BURLY_FUZZ_SEED={seed})", ex);
        }

        TestContext.Out.WriteLine($"HTTP fuzz: {iterations} iterations in {watch.Elapsed.TotalSeconds:F1} s");
    }
}
