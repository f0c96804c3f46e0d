// Baseline for benchmarks/compare.sh: the MCP C# SDK alone, one echo tool, no policy/audit/metrics.
//   http:  stateless streamable HTTP at /mcp (pass --urls http://127.0.0.1:PORT)
//   stdio: MCP over stdin/stdout
using System.ComponentModel;
using Burly.Benchmarks;
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
app.MapBenchDiagnostics();
await app.RunAsync();
return 0;

[McpServerToolType]
internal sealed class EchoTool
{
    [McpServerTool(Name = "echo", ReadOnly = true)]
    [Description("Echo the message back.")]
    public static string Echo([Description("Text to echo")] string message) => message;
}
