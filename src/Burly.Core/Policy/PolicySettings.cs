using System.Text.Json.Nodes;

namespace Burly.Policy;

/// <summary>The policy's global <c>config:</c> section (names of the Python version).</summary>
public sealed class PolicySettings
{
    /// <summary>Gets the default output cap in bytes (<c>output_truncate_limit</c>).</summary>
    public int OutputTruncateLimit { get; init; } = 10240;

    /// <summary>Gets the default timeout in seconds (<c>default_timeout_sec</c>).</summary>
    public int DefaultTimeoutSec { get; init; } = 30;

    /// <summary>Gets the maximum blog file size (<c>security.max_blog_file_size</c>).</summary>
    public long MaxBlogFileSize { get; init; } = 1024 * 1024;

    /// <summary>Gets the maximum number of files per operation (<c>security.max_files_per_operation</c>).</summary>
    public int MaxFilesPerOperation { get; init; } = 50;

    /// <summary>Gets the allowed blog extensions (<c>security.allowed_blog_extensions</c>).</summary>
    public IReadOnlyList<string> AllowedBlogExtensions { get; init; } = [".md", ".markdown"];

    /// <summary>Gets the Gotify priorities per event (<c>notifications.gotify.priorities</c>).</summary>
    public IReadOnlyDictionary<string, int> GotifyPriorities { get; init; } =
        new Dictionary<string, int> { ["success"] = 3, ["failure"] = 8, ["need_confirm"] = 5, ["security_violation"] = 10 };

    /// <summary>Gets the notification rate limit per minute (<c>notifications.rate_limit.max_per_minute</c>).</summary>
    public int NotificationsPerMinute { get; init; } = 10;

    /// <summary>Gets the notification rate limit per hour (<c>notifications.rate_limit.max_per_hour</c>).</summary>
    public int NotificationsPerHour { get; init; } = 100;

    /// <summary>Gets regular expressions whose matching argument values are redacted in the audit log (<c>compliance.redact_patterns</c>).</summary>
    public IReadOnlyList<string> RedactPatterns { get; init; } = [];

    /// <summary>Gets how many days audit files are kept (<c>compliance.audit_retention_days</c>).</summary>
    public int AuditRetentionDays { get; init; } = 90;

    /// <summary>Gets a value indicating whether only non-mutating tools exist (<c>read_only</c>).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Gets a value indicating whether destructive (mutating) tools are removed (<c>disable_destructive</c>).</summary>
    public bool DisableDestructive { get; init; }

    /// <summary>Gets the whole <c>config:</c> section as JSON, for pack-specific keys (e.g. <c>docker.allowed_containers</c>).</summary>
    public JsonObject Raw { get; init; } = [];
}
