namespace Burly.Audit;

/// <summary>The field names of an audit record (JSON Lines), as the operations guide's <c>jq</c> examples use them.</summary>
public static class AuditFields
{
    /// <summary>The record's time (ISO-8601, UTC).</summary>
    public const string Timestamp = "timestamp";

    /// <summary>The record's kind (<see cref="AuditEventTypes"/>).</summary>
    public const string EventType = "event_type";

    /// <summary>The sequence number in the hash chain.</summary>
    public const string Seq = "seq";

    /// <summary>The request id.</summary>
    public const string RequestId = "request_id";

    /// <summary>The MCP session id.</summary>
    public const string SessionId = "session_id";

    /// <summary>The transport (<c>stdio</c>, <c>http</c>).</summary>
    public const string Transport = "transport";

    /// <summary>The caller.</summary>
    public const string UserId = "user_id";

    /// <summary>The tool called (empty for server and authentication events).</summary>
    public const string ToolName = "tool_name";

    /// <summary>The outcome (<see cref="AuditResults"/>).</summary>
    public const string Result = "result";

    /// <summary>The error message.</summary>
    public const string Error = "error";

    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "error_code";

    /// <summary>Event-specific details.</summary>
    public const string Details = "details";

    /// <summary>The security context object (mutation, confirmation).</summary>
    public const string SecurityContext = "security_context";

    /// <summary>In <see cref="SecurityContext"/>: whether the call was confirmed.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>In <see cref="SecurityContext"/>: how the call was confirmed.</summary>
    public const string ConfirmationMethod = "confirmation_method";

    /// <summary>In <see cref="SecurityContext"/>: whether the tool changes the system.</summary>
    public const string MutatesSystem = "mutates_system";

    /// <summary>In <see cref="Details"/> of a security violation: its type (<see cref="Burly.Pipeline.SecurityViolationTypes"/>).</summary>
    public const string ViolationType = "violation_type";
}
