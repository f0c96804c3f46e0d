// A stdio MCP server with Burly's pipeline, the built-in packs and one custom pack (UptimeToolPack.cs).
// Built from the packages (samples/BurlyFeed.props): scripts/suites/packages.sh, or after scripts/pack.sh:
//   dotnet run --project samples/CustomToolPack   (POLICY_FILE defaults to the tools.yaml next to the binary)
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

Console.SetOut(Console.Error); // stdout belongs to the protocol
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Configuration.AddBurlyLegacyEnvironmentVariables();
builder.Configuration["Burly:Policy:File"] ??= Path.Combine(AppContext.BaseDirectory, "tools.yaml");

builder.Services.AddBurly(builder.Configuration)
    .AddBuiltInTools()
    .AddUptimePack();
builder.Services.AddMcpServer().WithStdioServerTransport().WithBurly("stdio");

await builder.Build().RunAsync();
