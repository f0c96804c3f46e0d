namespace Burly.Audit;

/// <summary>The <c>event_type</c> values of audit records.</summary>
public static class AuditEventTypes
{
    /// <summary>A tool call outcome (every outcome, including refusals).</summary>
    public const string ToolCall = "tool_call";

    /// <summary>A security violation (path escape, forbidden target).</summary>
    public const string SecurityViolation = "security_violation";

    /// <summary>An HTTP authentication failure.</summary>
    public const string AuthFailure = "auth_failure";

    /// <summary>A request refused by the rate limiter.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>A policy reload (success or failure).</summary>
    public const string PolicyReload = "policy_reload";

    /// <summary>A person approved or rejected a pending confirmation.</summary>
    public const string Approval = "approval";

    /// <summary>The server started.</summary>
    public const string ServerStart = "server_start";

    /// <summary>The server stopped.</summary>
    public const string ServerStop = "server_stop";
}
