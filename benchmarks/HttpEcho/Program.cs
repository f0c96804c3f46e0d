// The HTTP host composed exactly as src/Burly.Host.Http/Program.cs, plus an echo tool pack (policy: POLICY_FILE).
using System.Text.Json.Nodes;
using Burly.Benchmarks;
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
app.MapBenchDiagnostics();
return await BurlyHttpApplication.RunAsync(app);

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
