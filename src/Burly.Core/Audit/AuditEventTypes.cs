namespace Burly.Audit;

/// <summary>The <c>event_type</c> values of audit records.</summary>
public static class AuditEventTypes
{
    /// <summary>A tool call outcome (every outcome, including refusals).</summary>
    public const string ToolCall = "tool_call";

    /// <summary>A <c>resources/read</c>, served or refused (resources from packs, enabled under the policy's <c>resources:</c>).</summary>
    public const string ResourceRead = "resource_read";

    /// <summary>A <c>prompts/get</c>, served or refused (prompts from packs, enabled under the policy's <c>prompts:</c>).</summary>
    public const string PromptGet = "prompt_get";

    /// <summary>
    /// The write-ahead record of a mutating tool call, made durable before the tool runs (<c>result: started</c>);
    /// its outcome follows as a <see cref="ToolCall"/> record with the same <c>request_id</c>. An intent without an
    /// outcome means the process died while the call ran: its outcome is unknown.
    /// </summary>
    public const string ToolCallIntent = "tool_call_intent";

    /// <summary>The audit log can be written again after failures; <c>details</c> say since when and how many records were lost.</summary>
    public const string AuditRecovered = "audit_recovered";

    /// <summary>A count of HTTP rejections (401/429) of one source within one window, beyond the first ones recorded in full.</summary>
    public const string RejectionsSummary = "rejections_summary";

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
