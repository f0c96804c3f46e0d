// Baseline for benchmarks/compare.sh: the MCP C# SDK alone, one echo tool, no policy/audit/metrics.
//   http:  stateless streamable HTTP at /mcp (pass --urls http://127.0.0.1:PORT)
//   stdio: MCP over stdin/stdout
using System.ComponentModel;
using ModelContextProtocol.Server;

if (args is ["stdio", ..])
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddMcpServer().WithStdioServerTransport().WithTools<EchoTool>();
    await builder.Build().RunAsync();
    return 0;
}

var web = WebApplication.CreateBuilder(args.Length > 0 && args[0] == "http" ? args[1..] : args);
web.Logging.SetMinimumLevel(LogLevel.Warning);
web.Services.AddMcpServer().WithHttpTransport(o => o.Stateless = true).WithTools<EchoTool>();
var app = web.Build();
app.MapMcp("/mcp");
MapBenchDiagnostics(app);
await app.RunAsync();
return 0;


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

[McpServerToolType]
internal sealed class EchoTool
{
    [McpServerTool(Name = "echo", ReadOnly = true)]
    [Description("Echo the message back.")]
    public static string Echo([Description("Text to echo")] string message) => message;
}
