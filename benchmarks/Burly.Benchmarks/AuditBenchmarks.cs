using BenchmarkDotNet.Attributes;
using Burly.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Benchmarks;

/// <summary>
/// Audit appends: <see cref="Callers"/> concurrent callers each append one record per operation; the Mean column is
/// per record (OperationsPerInvoke), so records/s = 1 s / Mean. With group commit, concurrent callers share one lock
/// acquisition and one flush per batch.
/// </summary>
[MemoryDiagnoser]
public class AuditBenchmarks
{
    private ServiceProvider _services = null!;
    private IAuditLog _log = null!;
    private string _directory = null!;

    [Params(1, 10, 100)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "burly-bench-audit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBurly(o =>
        {
            o.DataDirectory = _directory;
            o.Audit.Path = Path.Combine(_directory, "audit.jsonl");
        });
        _services = services.BuildServiceProvider();
        _log = _services.GetRequiredService<IAuditLog>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = 100)]
    public async Task AppendPerRecord()
    {
        // 100 records per invocation, issued by Callers concurrent callers.
        var perCaller = 100 / Callers;
        var tasks = new Task[Callers];
        for (var c = 0; c < Callers; c++)
        {
            tasks[c] = Task.Run(async () =>
            {
                for (var i = 0; i < perCaller; i++)
                {
                    await _log.AppendAsync(new AuditRecord { Timestamp = DateTimeOffset.UtcNow, EventType = AuditEventTypes.ToolCall, ToolName = "echo", UserId = "local:bench", Result = AuditResults.Success, ExitCode = 0 });
                }
            });
        }

        await Task.WhenAll(tasks);
    }
}
