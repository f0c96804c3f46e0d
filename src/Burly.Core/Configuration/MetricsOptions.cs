using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>Metrics export options.</summary>
public sealed class MetricsOptions
{
    /// <summary>Gets or sets an extra port that serves <c>/metrics</c> (<c>METRICS_PORT</c>, 8080 in the guide).</summary>
    /// <value>The default value is <see langword="null"/> (no extra port).</value>
    [Range(1, 65535)]
    public int? Port { get; set; }
}
