// A Burly HTTP host with one extra tool pack: the MCP conformance suite's fixture tools. Same wiring as the shipped
// HTTP host's MCP endpoint (full pipeline: policy, validation, audit, metrics), stateful streamable HTTP at /mcp.
using Burly.Configuration;
using Burly.Samples.Conformance;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.Sources.Insert(Math.Min(2, builder.Configuration.Sources.Count), new LegacyEnvironmentConfigurationSource());
builder.Services.AddBurly(builder.Configuration).AddBuiltInTools().AddToolPack<ConformanceToolPack>()
    .AddResourcePack<ConformanceReadPack>().AddPromptPack<ConformanceReadPack>();
builder.Services.AddMcpServer().WithHttpTransport(o => o.Stateless = false).WithBurly("http");
var app = builder.Build();
app.MapMcp("/mcp");
await app.RunAsync().ConfigureAwait(false);
