// Placeholder until the HTTP host issue: serves streamable HTTP MCP on the loopback port with the full pipeline.
using Burly.Configuration;
using Burly.Host.Http.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.Sources.Insert(Math.Min(2, builder.Configuration.Sources.Count), new LegacyEnvironmentConfigurationSource());
builder.Services.AddBurly(builder.Configuration).AddBuiltInTools();
builder.AddBurlyOperations();
builder.Services.AddMcpServer().WithHttpTransport(o => o.Stateless = false).WithBurly("http");
var app = builder.Build();
app.MapMcp("/mcp");
app.MapMcp("/v1/mcp");
app.MapBurlyOperations();
app.Run();
