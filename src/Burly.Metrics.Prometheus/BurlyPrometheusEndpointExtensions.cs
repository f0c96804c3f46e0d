using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Metrics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Serves Burly's metrics in Prometheus text format from an ASP.NET Core application.</summary>
public static class BurlyPrometheusEndpointExtensions
{
    /// <summary>
    /// Adds the metrics export (see <see cref="BurlyMetricsExportExtensions.AddBurlyMetricsExport"/>) with an ASP.NET Core
    /// scraping endpoint (exact names, no scope labels, no <c>target_info</c>, no caching).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBurlyPrometheus(this IServiceCollection services, IConfiguration configuration) =>
        services.AddBurlyMetricsExport(configuration, metrics => metrics.AddPrometheusExporter(o =>
        {
            o.ScopeInfoEnabled = false;
            o.TargetInfoEnabled = false;
            o.ScrapeResponseCacheDurationMilliseconds = 0;
        }));

    /// <summary>Maps the Prometheus scraping endpoint (public, not rate limited).</summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The path.</param>
    /// <returns>The endpoint convention builder.</returns>
    public static IEndpointConventionBuilder MapBurlyMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics") =>
        endpoints.MapPrometheusScrapingEndpoint(pattern).AllowAnonymous().DisableRateLimiting();
}
