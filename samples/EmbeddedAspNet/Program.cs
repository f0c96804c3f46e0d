// An existing minimal-API app with its own endpoint (/hello) and its own authentication (the "Demo" header scheme on
// /me), which Burly leaves alone; Burly adds its MCP endpoint at /mcp (API keys: BURLY_API_KEYS) with one custom pack.
// Run: BURLY_API_KEYS=me:secret dotnet run --project samples/EmbeddedAspNet   (then POST JSON-RPC to /mcp)
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Burly.ToolPacks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddBurlyLegacyEnvironmentVariables();
builder.Configuration["Burly:Policy:File"] ??= Path.Combine(AppContext.BaseDirectory, "tools.yaml");

// The app's own authentication: its default scheme stays its own (Burly's /mcp uses its API-key scheme explicitly).
builder.Services.AddAuthentication(DemoHeaderAuthentication.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, DemoHeaderAuthentication>(DemoHeaderAuthentication.SchemeName, null);
builder.Services.AddAuthorization();

builder.Services.AddBurly(builder.Configuration).AddToolPack<GreetingToolPack>();
builder.AddBurlyHttp(http => { http.Stateless = true; http.JsonResponses = true; });   // plain JSON answers, no session needed

var app = builder.Build();
app.MapGet("/hello", () => "hello from the app");
app.MapGet("/me", (ClaimsPrincipal user) => $"app user {user.Identity?.Name}").RequireAuthorization();
app.MapBurly("/mcp");
app.Run();

/// <summary>The app's one MCP tool; the policy (tools.yaml) exposes it.</summary>
internal sealed class GreetingToolPack : IToolPack
{
    public IEnumerable<ToolDefinition> GetTools() =>
    [
        new ToolDefinition
        {
            Name = "greet", Description = "Greets someone.", Idempotent = true,
            DefaultSchema = ToolDefinition.Schema("""
                {"type":"object","properties":{"name":{"type":"string","maxLength":64}},"required":["name"],"additionalProperties":false}
                """),
            Handler = (context, ct) =>
            {
                var name = context.Arguments.GetProperty("name").GetString();
                return ValueTask.FromResult(ToolResult.Ok($"Hello, {name}!", new JsonObject { ["greeting"] = $"Hello, {name}!" }));
            },
        },
    ];
}

/// <summary>Stands in for the app's existing authentication: <c>X-Demo-User: NAME</c>.</summary>
internal sealed class DemoHeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Demo";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(Request.Headers["X-Demo-User"] is [{ Length: > 0 } user]
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], SchemeName)), SchemeName))
            : AuthenticateResult.NoResult());
}
