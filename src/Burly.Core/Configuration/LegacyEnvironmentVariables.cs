using System.Collections.Frozen;

namespace Burly.Configuration;

/// <summary>
/// The flat environment variable names of the Python version and the configuration keys they map to.
/// </summary>
public static class LegacyEnvironmentVariables
{
    /// <summary>Gets the map from flat name to configuration key (under <see cref="BurlyOptions.SectionName"/>).</summary>
    public static FrozenDictionary<string, string> Map { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["POLICY_FILE"] = "Burly:Policy:File",
        ["POLICY_DIR"] = "Burly:Policy:Directory",
        ["AUDIT_LOG_PATH"] = "Burly:Audit:Path",
        ["AUDIT_ENABLED"] = "Burly:Audit:Enabled",
        ["AUDIT_SENSITIVE_ENV_VARS"] = "Burly:Audit:SensitiveEnvironmentVariables",
        ["LOG_LEVEL"] = "Burly:LogLevel",
        ["BLOG_STAGE_ROOT"] = "Burly:Blog:StageRoot",
        ["BLOG_PUBLISH_ROOT"] = "Burly:Blog:PublishRoot",
        ["DOCKER_HOST"] = "Burly:Docker:Host",
        ["DOCKER_SOCKET"] = "Burly:Docker:Socket",
        ["DOCKER_TIMEOUT"] = "Burly:Docker:TimeoutSeconds",
        ["GOTIFY_URL"] = "Burly:Notifications:Gotify:Url",
        ["GOTIFY_TOKEN"] = "Burly:Notifications:Gotify:Token",
        ["GOTIFY_TOKEN_FILE"] = "Burly:Notifications:Gotify:TokenFile",
        ["NOTIFICATIONS_ENABLED"] = "Burly:Notifications:Enabled",
        ["NOTIFICATION_PROVIDERS"] = "Burly:Notifications:Providers",
        ["WEBHOOK_NOTIFICATION_URL"] = "Burly:Notifications:Webhook:Url",
        ["BURLYMCP_API_KEY"] = "Burly:Http:ApiKey",
        ["BURLY_API_KEYS"] = "Burly:Http:ApiKeys",
        ["BURLY_API_KEYS_FILE"] = "Burly:Http:ApiKeysFile",
        ["ALLOW_ANONYMOUS"] = "Burly:Http:AllowAnonymous",
        ["RATE_LIMIT_DISABLED"] = "Burly:Http:RateLimitDisabled",
        ["MAX_REQUEST_SIZE"] = "Burly:Limits:MaxRequestSize",
        ["MAX_CONCURRENT_TOOLS"] = "Burly:Limits:MaxConcurrentTools",
        ["MAX_STDIO_LINE_BYTES"] = "Burly:Limits:MaxStdioLineBytes",
        ["MAX_OUTPUT_SIZE"] = "Burly:Limits:MaxOutputSize",
        ["STRICT_SECURITY_MODE"] = "Burly:StrictSecurityMode",
        ["SERVER_NAME"] = "Burly:ServerName",
        ["SERVER_VERSION"] = "Burly:ServerVersion",
        ["HOST"] = "Burly:Http:Host",
        ["PORT"] = "Burly:Http:Port",
        ["METRICS_PORT"] = "Burly:Metrics:Port",
        ["BURLY_DATA_DIR"] = "Burly:DataDirectory",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gets the flat names whose value is a comma-separated list.</summary>
    public static FrozenSet<string> ListVariables { get; } =
        new[] { "AUDIT_SENSITIVE_ENV_VARS", "NOTIFICATION_PROVIDERS" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Gets the flat names whose value is a boolean (accepting <c>1/0, yes/no, on/off</c> as the Python version did).</summary>
    public static FrozenSet<string> BooleanVariables { get; } =
        new[] { "AUDIT_ENABLED", "NOTIFICATIONS_ENABLED", "RATE_LIMIT_DISABLED", "STRICT_SECURITY_MODE", "ALLOW_ANONYMOUS" }
            .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Gets the names for which an empty value means "not set" (<c>METRICS_PORT=</c> switches the listener off).</summary>
    internal static FrozenSet<string> OffWhenEmptyVariables { get; } = new[] { "METRICS_PORT" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Gets the names whose values are secrets; they are masked wherever configuration is shown.</summary>
    public static FrozenSet<string> SecretKeys { get; } =
        new[] { "Burly:Notifications:Gotify:Token", "Burly:Http:ApiKey", "Burly:Http:ApiKeys", "Burly:Confirmation:SigningKey" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Normalises a legacy boolean (<c>yes</c>, <c>on</c>, <c>1</c> …) to <c>true</c>/<c>false</c>; other text is returned unchanged so validation reports it.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The normalised value.</returns>
    public static string NormalizeBoolean(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "y" or "on" => "true",
            "false" or "0" or "no" or "n" or "off" => "false",
            _ => value,
        };
    }
}
