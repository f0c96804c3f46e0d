using System.Diagnostics;
using System.Text;
using Burly.Tests.Corpus;

namespace Burly.Host.Stdio.Tests.Security;

/// <summary>
/// Seeded, bounded mutation fuzzing of valid MCP lines against one <c>burly</c> stdio server: it never exits,
/// answers hold no stack trace, secret or host path, nothing outside the roots changes, and after every mutated
/// line a valid call succeeds. The seed is printed; BURLY_FUZZ_SEED / BURLY_FUZZ_ITERATIONS replay or soak.
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
        """{"jsonrpc":"2.0","id":4,"method":"tools/list","params":{}}""",
        """{"jsonrpc":"2.0","id":5,"method":"ping"}""",
    ];

    [Test]
    public async Task Fuzz_MutatedLines_NeverStopTheServer()
    {
        var seed = JsonMutator.Seed();
        var iterations = JsonMutator.Iterations(400);
        TestContext.Out.WriteLine($"stdio fuzz: seed {seed} (replay with BURLY_FUZZ_SEED={seed}), {iterations} iterations");
        using var roots = new CorpusRoots();
        await using var session = await StdioSession.StartAsync(roots);
        // Every failure names the seed and the offending message, whatever throws (CI keeps only the failure message).
        var context = $"seed {seed}, before the first message";
        var watch = Stopwatch.StartNew();
        try
        {
            var mutator = new JsonMutator(seed);
            for (var i = 0; i < iterations; i++)
            {
                var line = mutator.Mutate(Valid[i % Valid.Length]);
                for (var j = 0; j < line.Length; j++)
                {
                    if (line[j] is (byte)'\n' or (byte)'\r')
                    {
                        line[j] = (byte)' ';
                    }
                }

                context = $"seed {seed}, iteration {i}, line {CorpusAnswer.Shorten(Encoding.UTF8.GetString(line))}";
                var (answer, followUp) = await session.ExchangeAsync(line, null, TimeSpan.FromSeconds(30));

                Assert.That(session.HasExited, Is.False, $"burly exited — {context}");
                CorpusAnswer.AssertNoLeak(context, answer, StdioSession.Secrets, [roots.Root, AppContext.BaseDirectory.TrimEnd('/')]);
                Assert.That(CorpusAnswer.AnyOk(followUp), Is.True, $"the follow-up call failed — {context}: '{CorpusAnswer.Shorten(followUp)}'");
            }

            roots.AssertUnchanged($"seed {seed}");
        }
        catch (Exception ex) when (ex is not (SuccessException or IgnoreException or InconclusiveException) && !ex.Message.Contains($"seed {seed}", StringComparison.Ordinal))
        {
            throw new AssertionException($"{ex.GetType().Name}: {ex.Message} — {context} (replay with BURLY_FUZZ_SEED={seed})", ex);
        }

        TestContext.Out.WriteLine($"stdio fuzz: {iterations} iterations in {watch.Elapsed.TotalSeconds:F1} s");
    }
}
