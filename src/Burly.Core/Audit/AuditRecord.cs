using System.Text.Json.Nodes;

namespace Burly.Audit;

/// <summary>One audit event. Field names on disk are fixed (see <see cref="AuditRecordSerializer"/>).</summary>
public sealed class AuditRecord
{
    /// <summary>Gets or sets the UTC time of the event.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Gets or sets the event type (<see cref="AuditEventTypes"/>).</summary>
    public string EventType { get; set; } = AuditEventTypes.ToolCall;

    /// <summary>Gets or sets the request id.</summary>
    public string? RequestId { get; set; }

    /// <summary>Gets or sets the MCP session id.</summary>
    public string? SessionId { get; set; }

    /// <summary>Gets or sets the transport: <c>stdio</c>, <c>http</c> or <c>cli</c>.</summary>
    public string? Transport { get; set; }

    /// <summary>Gets or sets the caller: <c>apikey:NAME</c>, <c>local:USER</c> or <c>anonymous</c>.</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the client name.</summary>
    public string? ClientName { get; set; }

    /// <summary>Gets or sets the client version.</summary>
    public string? ClientVersion { get; set; }

    /// <summary>Gets or sets the tool name.</summary>
    public string? ToolName { get; set; }

    /// <summary>Gets or sets the arguments, already redacted (or <see langword="null"/> in <c>hash_only</c> mode).</summary>
    public JsonNode? Arguments { get; set; }

    /// <summary>Gets or sets the SHA-256 (hex) of the canonical, unredacted arguments.</summary>
    public string? ArgsHash { get; set; }

    /// <summary>Gets or sets the result (<see cref="AuditResults"/>).</summary>
    public string? Result { get; set; }

    /// <summary>Gets or sets the error message shown to the client.</summary>
    public string? Error { get; set; }

    /// <summary>Gets or sets the error code (<see cref="BurlyErrorCodes"/>).</summary>
    public string? ErrorCode { get; set; }

    /// <summary>Gets or sets the exit code (0 success, 1 otherwise).</summary>
    public int? ExitCode { get; set; }

    /// <summary>Gets or sets the execution time in milliseconds.</summary>
    public double? ExecutionTimeMs { get; set; }

    /// <summary>Gets or sets the output size in bytes (after truncation).</summary>
    public long? OutputSize { get; set; }

    /// <summary>Gets or sets a value indicating whether the output was truncated.</summary>
    public bool? OutputTruncated { get; set; }

    /// <summary>Gets or sets a value indicating whether the tool mutates the system.</summary>
    public bool? MutatesSystem { get; set; }

    /// <summary>Gets or sets a value indicating whether the tool requires confirmation.</summary>
    public bool? RequiresConfirmation { get; set; }

    /// <summary>Gets or sets a value indicating whether the call was confirmed.</summary>
    public bool? Confirmed { get; set; }

    /// <summary>Gets or sets how the call was confirmed (<c>elicitation</c>, <c>approval</c>, <c>argument</c>, <c>operator</c>, <c>in-process-approval</c>).</summary>
    public string? ConfirmationMethod { get; set; }

    /// <summary>Gets or sets who answered the confirmation (operator or in-process approver), when a named approver did.</summary>
    public string? ApprovedBy { get; set; }

    /// <summary>Gets or sets the requests a tool sent to the client during the call (<see cref="AuditClientRequestFields"/>), or <see langword="null"/> when none.</summary>
    public JsonObject? ClientRequests { get; set; }

    /// <summary>Gets or sets event-specific details (security violation, policy reload, auth failure).</summary>
    public JsonObject? Details { get; set; }

    /// <summary>Gets the sequence number (set by the log).</summary>
    public long Seq { get; internal set; }

    /// <summary>Gets the previous record's hash (set by the log).</summary>
    public string? PrevHash { get; internal set; }

    /// <summary>Gets this record's hash (set by the log).</summary>
    public string? Hash { get; internal set; }
}
