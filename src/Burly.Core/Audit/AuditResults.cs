namespace Burly.Audit;

/// <summary>The <c>result</c> values of audit records (the guide's jq queries use them).</summary>
public static class AuditResults
{
    /// <summary>The call succeeded.</summary>
    public const string Success = "success";

    /// <summary>The call failed (tool error, dependency down, internal error).</summary>
    public const string Failure = "failure";

    /// <summary>The call needs confirmation; nothing ran.</summary>
    public const string NeedConfirm = "need_confirm";

    /// <summary>The call was refused (forbidden, declined, path outside root, auth).</summary>
    public const string Denied = "denied";

    /// <summary>The request was invalid (unknown tool, bad arguments).</summary>
    public const string Invalid = "invalid";

    /// <summary>The tool timed out.</summary>
    public const string Timeout = "timeout";

    /// <summary>No execution slot was free (or rate limited).</summary>
    public const string Busy = "busy";

    /// <summary>A mutating call is about to run (the write-ahead <see cref="AuditEventTypes.ToolCallIntent"/> record).</summary>
    public const string Started = "started";

    /// <summary>The client cancelled a mutating call while it ran: whether the change happened is unknown.</summary>
    public const string Cancelled = "cancelled";
}
