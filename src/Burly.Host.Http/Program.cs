// Burly's HTTP host: streamable HTTP MCP and the legacy JSON endpoint at /mcp and /v1/mcp (port 9400),
// with the built-in tool packs, /health, /metrics and the approval endpoints.
using Burly.Host.Http;

var builder = BurlyHttpApplication.CreateBuilder(args);
builder.AddBurlyHttpHost().AddBuiltInTools();
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
return await BurlyHttpApplication.RunAsync(app);
