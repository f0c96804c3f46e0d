using Burly.Configuration;

namespace Burly.Host.Http.Hosting;

/// <summary>The rule across the HTTP and metrics sections: <c>METRICS_PORT</c> must differ from <c>PORT</c>.</summary>
internal sealed class HttpPortsSection : IBurlyConfigSection
{
    public string Path => "Burly:Http+Metrics";

    public object Bind(IConfiguration configuration) => new { };

    public IReadOnlyList<ConfigProblem> Validate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var metricsPort = configuration["Burly:Metrics:Port"];
        var port = configuration["Burly:Http:Port"] ?? "9400";
        return !string.IsNullOrEmpty(metricsPort) && metricsPort == port && port != "0"
            ? [new ConfigProblem(BurlyConfigValidator.DisplayKey("Burly:Metrics:Port"), metricsPort, "METRICS_PORT must differ from PORT.",
                "Use another port (8080 in the guide) or unset METRICS_PORT to serve /metrics on PORT.")]
            : [];
    }
}
