namespace Burly.Pipeline;

/// <summary>How a call ended; the names match the audit <c>result</c> values.</summary>
public enum ToolCallStatus
{
    /// <summary>The tool ran and succeeded.</summary>
    Success,

    /// <summary>The tool failed, or a dependency or internal error stopped it.</summary>
    Failure,

    /// <summary>Nothing ran: the call needs confirmation.</summary>
    NeedConfirm,

    /// <summary>The call was refused (forbidden, declined, path outside root).</summary>
    Denied,

    /// <summary>The request was invalid (unknown tool, bad arguments).</summary>
    Invalid,

    /// <summary>The tool timed out.</summary>
    Timeout,

    /// <summary>No execution slot was free.</summary>
    Busy,
}
