using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>Audit log options.</summary>
public sealed class AuditOptions
{
    /// <summary>Gets or sets a value indicating whether audit records are written (<c>AUDIT_ENABLED</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the JSON Lines file (<c>AUDIT_LOG_PATH</c>).</summary>
    /// <value>The default value is <see langword="null"/>: <c>audit.jsonl</c> under the data directory.</value>
    public string? Path { get; set; }

    /// <summary>Gets or sets how arguments are stored: <c>redacted</c> or <c>hash_only</c>.</summary>
    /// <value>The default value is <c>redacted</c>.</value>
    public string Arguments { get; set; } = "redacted";

    /// <summary>Gets or sets a value indicating whether every record is fsynced, not only flushed to the OS.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Fsync { get; set; }

    /// <summary>Gets or sets extra environment variable names whose values are redacted (<c>AUDIT_SENSITIVE_ENV_VARS</c>).</summary>
    public List<string> SensitiveEnvironmentVariables { get; set; } = [];

    /// <summary>Gets or sets the size at which the file is rotated, in bytes; 0 disables size rotation.</summary>
    /// <value>The default value is 100 MiB.</value>
    [Range(0, long.MaxValue)]
    public long MaxFileSizeBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Gets or sets the age at which the file is rotated, in hours; 0 disables age rotation.</summary>
    /// <value>The default value is 24.</value>
    [Range(0, 24 * 366)]
    public int MaxFileAgeHours { get; set; } = 24;

    /// <summary>Gets or sets how many days rotated files are kept; 0 uses the policy's <c>compliance.audit_retention_days</c>.</summary>
    /// <value>The default value is 0.</value>
    [Range(0, 3650)]
    public int RetentionDays { get; set; }

    /// <summary>Gets or sets how many rotated files are kept at most (oldest deleted first); 0 means no count limit.</summary>
    /// <value>The default value is 100 (more than 90 days of daily files).</value>
    [Range(0, 100_000)]
    public int MaxFiles { get; set; } = 100;

    /// <summary>Gets or sets the total size of the active and rotated files kept, in bytes (oldest rotated deleted first); 0 means no size limit.</summary>
    /// <value>The default value is 4 GiB.</value>
    [Range(0, long.MaxValue)]
    public long MaxTotalBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Gets or sets how many HTTP 401/429 rejections per source and window are recorded in full before the rest are only counted.</summary>
    /// <value>The default value is 5.</value>
    [Range(1, 10_000)]
    public int RejectionSampleFirst { get; set; } = 5;

    /// <summary>Gets or sets the window, in seconds, over which further 401/429 rejections of one source are summed into one summary record.</summary>
    /// <value>The default value is 60.</value>
    [Range(1, 86_400)]
    public int RejectionWindowSeconds { get; set; } = 60;

    /// <summary>Gets or sets a value indicating whether rotated files are gzip-compressed.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool CompressRotated { get; set; }

    /// <summary>Returns the audit file in effect.</summary>
    /// <param name="options">The root options (for the data directory).</param>
    /// <returns>An absolute file path.</returns>
    public string ResolvePath(BurlyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(Path)
            ? System.IO.Path.Combine(options.ResolveDataDirectory(), "audit", "audit.jsonl")
            : System.IO.Path.GetFullPath(Path);
    }
}
