using System.Text.Json.Serialization;

namespace Burly.Backup;

/// <summary>The <c>manifest.json</c> of a backup: every file with its SHA-256 and where it came from.</summary>
internal sealed class BackupManifest
{
    public const string FileName = "manifest.json";

    public const string CurrentFormat = "burly-backup/1";

    [JsonPropertyName("format")]
    public string Format { get; set; } = CurrentFormat;

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("burly_version")]
    public string BurlyVersion { get; set; } = BurlyInfo.Version;

    [JsonPropertyName("audit_last_seq")]
    public long? AuditLastSeq { get; set; }

    [JsonPropertyName("files")]
    public List<BackupEntry> Files { get; set; } = [];
}

/// <summary>One file in a backup.</summary>
internal sealed class BackupEntry
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

    [JsonPropertyName("size")]
    public long Size { get; set; }

    [JsonPropertyName("sha256")]
    public string Sha256 { get; set; } = string.Empty;
}
