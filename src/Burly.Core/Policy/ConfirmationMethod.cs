namespace Burly.Policy;

/// <summary>A way a mutating call can be confirmed.</summary>
public enum ConfirmationMethod
{
    /// <summary>The client asks its user (MCP elicitation, or an MRTR input-required round trip).</summary>
    Elicitation,

    /// <summary>A person approves out of band (<c>burly approvals approve ID</c>).</summary>
    Approval,

    /// <summary>The caller repeats the call with <c>"_confirm": true</c> (weakest: a model can set it).</summary>
    Argument,
}
