using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>
/// Root options for a Burly server, bound from the <c>Burly</c> configuration section, from .NET-style
/// environment variables (<c>Burly__Audit__Path</c>) and from the flat names of the Python version
/// (<c>AUDIT_LOG_PATH</c>, see <see cref="LegacyEnvironmentVariables"/>).
/// </summary>
public sealed class BurlyOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Burly";

    /// <summary>Gets or sets the server name reported to clients.</summary>
    /// <value>The default value is <c>burlymcp</c>.</value>
    [Required]
    public string ServerName { get; set; } = "burlymcp";

    /// <summary>Gets or sets the server version reported to clients.</summary>
    /// <value>The default value is the assembly version.</value>
    [Required]
    public string ServerVersion { get; set; } = BurlyInfo.Version;

    /// <summary>Gets or sets the directory where Burly keeps its data when no explicit path is configured.</summary>
    /// <value>The default value is <c>$XDG_DATA_HOME/burly</c> or <c>~/.local/share/burly</c>; never a path that needs root.</value>
    public string? DataDirectory { get; set; }

    /// <summary>Gets or sets the minimum log level (Trace, Debug, Information, Warning, Error, Critical).</summary>
    /// <value>The default value is <c>Information</c>.</value>
    public string LogLevel { get; set; } = "Information";

    /// <summary>Gets or sets a value indicating whether strict security mode is on (argument confirmation refused for tools that list other methods).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool StrictSecurityMode { get; set; }

    /// <summary>Gets the policy options.</summary>
    public PolicyOptions Policy { get; set; } = new();

    /// <summary>Gets the audit options.</summary>
    public AuditOptions Audit { get; set; } = new();

    /// <summary>Gets the pipeline limits.</summary>
    public LimitsOptions Limits { get; set; } = new();

    /// <summary>Gets the notification options.</summary>
    public NotificationOptions Notifications { get; set; } = new();

    /// <summary>Gets the metrics options.</summary>
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>Gets the confirmation options.</summary>
    public ConfirmationOptions Confirmation { get; set; } = new();

    /// <summary>Returns the data directory in effect (configured or the per-user default).</summary>
    /// <returns>An absolute directory path.</returns>
    public string ResolveDataDirectory()
    {
        if (!string.IsNullOrWhiteSpace(DataDirectory))
        {
            return Path.GetFullPath(DataDirectory);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(baseDir, "burly");
    }
}
