using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>Metrics export options.</summary>
public sealed class MetricsOptions
{
    /// <summary>Gets or sets an extra port that serves <c>/metrics</c> (<c>METRICS_PORT</c>, 8080 in the guide); 0 (or an empty <c>METRICS_PORT</c>) means off.</summary>
    /// <value>The default value is <see langword="null"/> (no extra port).</value>
    [Range(0, 65535)]
    public int? Port { get; set; }
}
