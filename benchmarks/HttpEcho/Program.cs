// The HTTP host composed exactly as src/Burly.Host.Http/Program.cs, plus an echo tool pack (policy: POLICY_FILE).
using System.Text.Json.Nodes;
using Burly.Host.Http;
using Burly.ToolPacks;
using Microsoft.Extensions.DependencyInjection;

var builder = BurlyHttpApplication.CreateBuilder(args);
builder.AddBurlyHttpHost().AddToolPack<EchoPack>();
builder.Services.AddBurlyPolicyReload();
builder.Services.AddBurlyPrometheus(builder.Configuration);
if (!BurlyHttpApplication.ValidateConfiguration(builder, Console.Error))
{
    return 1;
}

var app = builder.Build();
app.MapBurly();
app.MapBurlyOperations();
app.MapBurlyMetrics();
MapBenchDiagnostics(app);
return await BurlyHttpApplication.RunAsync(app);


// benchmarks only (BENCH_DIAGNOSTICS=1): GET /_bench/gc answers allocated bytes and GC heap figures, so a run can compute
// bytes per request and see what the managed heap holds, independent of machine load.
static void MapBenchDiagnostics(IEndpointRouteBuilder app)
{
    if (Environment.GetEnvironmentVariable("BENCH_DIAGNOSTICS") != "1")
    {
        return;
    }

    app.MapGet("/_bench/gc", () =>
    {
        var info = GC.GetGCMemoryInfo();
        return Results.Text(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"allocated={GC.GetTotalAllocatedBytes(precise: true)} heap={info.HeapSizeBytes} committed={info.TotalCommittedBytes} fragmented={info.FragmentedBytes} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} server={System.Runtime.GCSettings.IsServerGC} concurrent={info.Concurrent}\n"));
    });
}

internal sealed class EchoPack : IToolPack
{
    public IEnumerable<ToolDefinition> GetTools()
    {
        yield return new ToolDefinition
        {
            Name = "echo",
            Description = "Echo the message back.",
            Handler = (ctx, _) => ValueTask.FromResult(ToolResult.Ok("echoed", new JsonObject { ["message"] = ctx.GetString("message") })),
        };
    }
}
