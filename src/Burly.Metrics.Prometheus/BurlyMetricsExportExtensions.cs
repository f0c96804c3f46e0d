using System.Globalization;
using System.Net;
using Burly.Configuration;
using Burly.Metrics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Exports the <c>Burly</c> meter in Prometheus text format with OpenTelemetry's Prometheus exporter.
/// Instrument names are already Prometheus names (<c>burly_mcp_tool_executions_total</c>, <c>burly_mcp_tool_execution_seconds</c>),
/// which the exporter keeps as they are; scope labels and <c>target_info</c> are turned off so the series carry
/// only Burly's own labels.
/// </summary>
public static class BurlyMetricsExportExtensions
{
    /// <summary>
    /// Adds the OpenTelemetry meter provider for the <c>Burly</c> meter and, when <c>METRICS_PORT</c>
    /// (<c>Burly:Metrics:Port</c>) is set, a stand-alone listener serving <c>/metrics</c> on that port
    /// (bound to loopback unless <c>HOST</c> is a wildcard address).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (read now, to decide whether to listen).</param>
    /// <param name="configure">Further exporters (the HTTP host adds its ASP.NET Core scraping endpoint).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBurlyMetricsExport(this IServiceCollection services, IConfiguration configuration, Action<MeterProviderBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var portText = configuration[$"{BurlyOptions.SectionName}:{nameof(BurlyOptions.Metrics)}:{nameof(MetricsOptions.Port)}"];
        var host = configuration[$"{BurlyOptions.SectionName}:Http:Host"] ?? "127.0.0.1";
        int? port = int.TryParse(portText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535 ? p : null;
        services.AddOpenTelemetry().WithMetrics(builder =>
        {
            builder.AddMeter(BurlyMetrics.MeterName);
            if (port is { } listenPort)
            {
                builder.AddPrometheusHttpListener(o => ConfigureListener(o, host, listenPort));
            }

            configure?.Invoke(builder);
        });

        // After OpenTelemetry's hosted service has created the meter provider: every known series at 0.
        services.AddHostedService<KnownSeriesInitializer>();
        return services;
    }

    /// <summary>Applies Burly's exporter settings to HttpListener options (exact names, no scope labels, no <c>target_info</c>).</summary>
    /// <param name="options">The options.</param>
    /// <param name="host">The configured listen address (<c>HOST</c>).</param>
    /// <param name="port">The port.</param>
    internal static void ConfigureListener(PrometheusHttpListenerOptions options, string host, int port)
    {
        options.Port = port;
        options.ScopeInfoEnabled = false;
        options.TargetInfoEnabled = false;
        options.ScrapeResponseCacheDurationMilliseconds = 0;
        if (IsWildcard(host))
        {
            // The exporter builds its prefix from Host and rejects "+" as a host name: build it with localhost,
            // then swap in the wildcard so every interface is served (containers bind HOST=0.0.0.0).
            options.Host = "localhost";
            options.ConfigureHttpListener = (_, listener) =>
            {
                var template = listener.Prefixes.First();
                listener.Prefixes.Clear();
                listener.Prefixes.Add(template.Replace("//localhost:", "//+:", StringComparison.OrdinalIgnoreCase));
            };
            return;
        }

        // HttpListener matches prefixes by Host header: serve both spellings of loopback (and the configured address).
        options.Host = "localhost";
        options.ConfigureHttpListener = (_, listener) =>
        {
            var template = listener.Prefixes.First();
            foreach (var h in new[] { "127.0.0.1", FormatHost(host) }.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var prefix = template.Replace("//localhost:", "//" + h + ":", StringComparison.OrdinalIgnoreCase);
                if (!listener.Prefixes.Contains(prefix))
                {
                    listener.Prefixes.Add(prefix);
                }
            }
        };
    }

    private static string FormatHost(string host) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !host.StartsWith('[') ? "[" + host + "]" : host;

    private static bool IsWildcard(string host) => host is "0.0.0.0" or "::" or "[::]" or "*" or "+";
}

/// <summary>Creates the known counter series at 0 once the meter provider listens (first-event alerts).</summary>
internal sealed class KnownSeriesInitializer(IServiceProvider services, BurlyMetrics metrics) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService<MeterProvider>();
        metrics.InitializeKnownSeries();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
