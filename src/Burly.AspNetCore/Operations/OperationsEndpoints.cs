using Burly.Health;
using Burly.Metrics;
using ModelContextProtocol.AspNetCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace Burly.Host.Http.Operations;

/// <summary>
/// The operations surface of the HTTP host: <c>/health</c>, <c>/v1/health</c> (200 healthy or degraded, 503 unhealthy),
/// <c>/health/live</c> (liveness only) and <c>/metrics</c> (Prometheus text). These endpoints are public: they carry
/// <see cref="Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute"/> and no rate limiting, and their output has
/// no secrets or host paths.
/// </summary>
internal static class OperationsEndpoints
{
    // Relaxed escaping: "+00:00" in timestamps, not "\u002B00:00".
    private static readonly System.Text.Json.JsonSerializerOptions ReportJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The paths served without an API key.</summary>
    public static readonly string[] PublicPaths = ["/health", "/v1/health", "/health/live", "/metrics"];

    /// <summary>Adds metrics export (this host's <c>/metrics</c> and, with <c>METRICS_PORT</c>, a second port) and policy hot reload.</summary>
    /// <param name="builder">The web application builder.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder AddBurlyOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddBurlyMetricsExport(builder.Configuration, metrics => metrics.AddPrometheusExporter(o =>
        {
            o.ScopeInfoEnabled = false;
            o.TargetInfoEnabled = false;
            o.ScrapeResponseCacheDurationMilliseconds = 0;
        }));
        builder.Services.AddBurlyPolicyReload();

        // burly_mcp_active_connections is counted by the MCP transport setup (Hosting/McpTransportSetup.cs).
        return builder;
    }

    /// <summary>Maps <c>/health</c>, <c>/v1/health</c>, <c>/health/live</c> and <c>/metrics</c>.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapBurlyOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var path in new[] { "/health", "/v1/health" })
        {
            app.MapGet(path, HealthAsync).AllowAnonymous().DisableRateLimiting().WithName("burly-health" + path.Replace('/', '-'));
        }

        app.MapGet("/health/live", () => Results.Json(new { status = "alive" })).AllowAnonymous().DisableRateLimiting();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().DisableRateLimiting();
        return app;
    }

    private static async Task<IResult> HealthAsync(HealthChecker checker, CancellationToken cancellationToken)
    {
        var report = await checker.CheckAsync(cancellationToken).ConfigureAwait(false);
        var status = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return Results.Text(report.Json.ToJsonString(ReportJson), "application/json", System.Text.Encoding.UTF8, status);
    }
}
