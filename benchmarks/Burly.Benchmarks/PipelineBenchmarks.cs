using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Burly.Pipeline;
using Burly.ToolPacks;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Benchmarks;

/// <summary>
/// What the pipeline adds to a trivial tool: the baseline calls the handler directly; the others run the full
/// pipeline (resolve, authorise, schema validation, admission, timeout, output bounding, audit, metrics).
/// Read the Ratio column.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private static readonly JsonElement Arguments = JsonDocument.Parse("""{"message":"hello"}""").RootElement.Clone();
    private ServiceProvider _withAudit = null!;
    private ServiceProvider _withoutAudit = null!;
    private ToolDefinition _echo = null!;
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "burly-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var policy = Path.Combine(_directory, "tools.yaml");
        File.WriteAllText(policy, "tools:\n  echo:\n    args_schema: { type: object, properties: { message: { type: string, maxLength: 100 } }, additionalProperties: false }\n");
        _withAudit = Build(policy, audit: true);
        _withoutAudit = Build(policy, audit: false);
        _echo = new EchoPack().GetTools().Single();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _withAudit.Dispose();
        _withoutAudit.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public async Task<object> DirectHandler() => await _echo.Handler(new ToolContext
    {
        ToolName = "echo",
        Arguments = Arguments,
        Policy = null!,
        PolicySettings = null!,
        Caller = CallerContext.Local("bench"),
        RequestId = "r",
        Services = _withoutAudit,
        Security = null!,
    }, CancellationToken.None);

    [Benchmark]
    public Task<ToolCallOutcome> PipelineWithoutAudit() => Invoke(_withoutAudit);

    [Benchmark]
    public Task<ToolCallOutcome> PipelineWithAudit() => Invoke(_withAudit);

    private static Task<ToolCallOutcome> Invoke(IServiceProvider services) =>
        services.GetRequiredService<ToolCallPipeline>().InvokeAsync(new ToolCallRequest
        {
            ToolName = "echo",
            Arguments = Arguments,
            Caller = CallerContext.Local("bench"),
        });

    private ServiceProvider Build(string policy, bool audit)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBurly(o =>
        {
            o.DataDirectory = Path.Combine(_directory, audit ? "audit-on" : "audit-off");
            o.Policy.File = policy;
            o.Audit.Enabled = audit;
        }).AddToolPack<EchoPack>();
        return services.BuildServiceProvider();
    }

    public sealed class EchoPack : IToolPack
    {
        public IEnumerable<ToolDefinition> GetTools()
        {
            yield return new ToolDefinition
            {
                Name = "echo",
                Description = "Echo.",
                Handler = (ctx, _) => ValueTask.FromResult(ToolResult.Ok("echoed", new JsonObject { ["message"] = ctx.GetString("message") })),
            };
        }
    }
}
