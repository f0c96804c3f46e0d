using System.Text.Json.Serialization;

namespace Burly.Backup;

/// <summary>The <c>manifest.json</c> of a backup: every file with its SHA-256 and where it came from.</summary>
public sealed class BackupManifest
{
    /// <summary>The manifest file name.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The format written by this version.</summary>
    public const string CurrentFormat = "burly-backup/1";

    /// <summary>Gets or sets the format.</summary>
    [JsonPropertyName("format")]
    public string Format { get; set; } = CurrentFormat;

    /// <summary>Gets or sets when the backup was made.</summary>
    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets the Burly version that made it.</summary>
    [JsonPropertyName("burly_version")]
    public string BurlyVersion { get; set; } = BurlyInfo.Version;

    /// <summary>Gets or sets the last audit sequence number in the backup.</summary>
    [JsonPropertyName("audit_last_seq")]
    public long? AuditLastSeq { get; set; }

    /// <summary>Gets or sets the files.</summary>
    [JsonPropertyName("files")]
    public List<BackupEntry> Files { get; set; } = [];
}

/// <summary>One file in a backup.</summary>
public sealed class BackupEntry
{
    /// <summary>Gets or sets the path inside the backup, with <c>/</c> separators (e.g. <c>audit/audit.jsonl.1</c>).</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the component: <c>config</c>, <c>audit</c> or <c>blog</c>.</summary>
    [JsonPropertyName("component")]
    public string Component { get; set; } = string.Empty;

    /// <summary>Gets or sets where the file lives on the host (absolute).</summary>
    [JsonPropertyName("target")]
    public string Target { get; set; } = string.Empty;

    /// <summary>Gets or sets the size in bytes.</summary>
    [JsonPropertyName("size")]
    public long Size { get; set; }

    /// <summary>Gets or sets the SHA-256 (lower-case hex).</summary>
    [JsonPropertyName("sha256")]
    public string Sha256 { get; set; } = string.Empty;
}
