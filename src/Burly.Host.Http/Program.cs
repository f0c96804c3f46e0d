// Burly's HTTP host: streamable HTTP MCP and the legacy JSON endpoint at /mcp and /v1/mcp (port 9400).
using Burly.Host.Http;
using Burly.Host.Http.Operations;

var builder = BurlyHttpApplication.CreateBuilder(args);
if (!BurlyHttpApplication.ValidateConfiguration(builder.Configuration, Console.Error))
{
    return 1;
}

builder.AddBurlyHttp();
builder.AddBurlyOperations();
var app = builder.Build();
app.MapBurlyHttp();
app.MapBurlyOperations();
return await BurlyHttpApplication.RunAsync(app);
