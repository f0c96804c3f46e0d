using Burly.Health;
using Burly.Host.Http.Approvals;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The operations surface of the HTTP host: <c>/health</c>, <c>/v1/health</c> (200 healthy or degraded, 503 unhealthy),
/// <c>/health/live</c> (liveness only) and the approval endpoints (<c>/approvals</c>, behind the API key). Prometheus
/// <c>/metrics</c> comes from the optional <c>Burly.Metrics.Prometheus</c> package. The health endpoints are public: they carry
/// <see cref="Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute"/> and no rate limiting, and their output has
/// no secrets or host paths.
/// </summary>
public static class OperationsEndpoints
{
    // Relaxed escaping: "+00:00" in timestamps, not "\u002B00:00".
    private static readonly System.Text.Json.JsonSerializerOptions ReportJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The paths served without an API key.</summary>
    public static readonly string[] PublicPaths = ["/health", "/v1/health", "/health/live", "/metrics"];

    /// <summary>Maps <c>/health</c>, <c>/v1/health</c>, <c>/health/live</c> and the approval endpoints.</summary>
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
        app.MapApprovalEndpoints();
        return app;
    }

    private static async Task<IResult> HealthAsync(HealthChecker checker, CancellationToken cancellationToken)
    {
        var report = await checker.CheckAsync(cancellationToken).ConfigureAwait(false);
        var status = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return Results.Text(report.Json.ToJsonString(ReportJson), "application/json", System.Text.Encoding.UTF8, status);
    }
}
