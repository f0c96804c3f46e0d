namespace Burly.Confirmation;

/// <summary>
/// A confirmation answer obtained before the pipeline ran: an MRTR retry (elicitation), the CLI's <c>--confirm</c>
/// (operator) or an application's answer to an in-process approval request. Evidence that bypasses the policy's
/// confirmation methods can only be created with an explicit approver identity, which is audited.
/// </summary>
public sealed record ConfirmationEvidence
{
    /// <summary>The method name of an operator's explicit confirmation on the CLI.</summary>
    public const string Operator = "operator";

    /// <summary>The method name of an in-process application's answer to an approval request (Microsoft.Extensions.AI).</summary>
    public const string InProcessApproval = "in-process-approval";

    /// <summary>The method name of an elicitation answer.</summary>
    internal const string Elicitation = "elicitation";

    private ConfirmationEvidence(string method, bool accepted, string? approver, string? reason)
    {
        Method = method;
        Accepted = accepted;
        Approver = approver;
        Reason = reason;
    }

    /// <summary>Gets the method: <c>elicitation</c>, <c>operator</c> or <c>in-process-approval</c>.</summary>
    public string Method { get; }

    /// <summary>Gets a value indicating whether the person accepted.</summary>
    public bool Accepted { get; }

    /// <summary>Gets who answered (audited as <c>approved_by</c>); <see langword="null"/> for elicitation answers.</summary>
    public string? Approver { get; }

    /// <summary>Gets why the call was not accepted (declined, expired), shown to the caller and audited.</summary>
    public string? Reason { get; }

    /// <summary>The operator at the terminal confirms the call (the CLI's <c>--confirm</c>).</summary>
    /// <param name="approver">Who confirms, e.g. <c>local:alice</c>; required.</param>
    /// <returns>The evidence.</returns>
    public static ConfirmationEvidence FromOperator(string approver) => new(Operator, accepted: true, RequireApprover(approver), reason: null);

    /// <summary>An application's answer to an in-process approval request, on behalf of a named approver.</summary>
    /// <param name="approver">Who answered, e.g. <c>local:alice</c> or <c>app:ticket-bot</c>; required.</param>
    /// <param name="accepted">Whether the call is approved.</param>
    /// <param name="reason">Why it was declined or is no longer valid (optional).</param>
    /// <returns>The evidence.</returns>
    public static ConfirmationEvidence FromInProcessApproval(string approver, bool accepted, string? reason = null) =>
        new(InProcessApproval, accepted, RequireApprover(approver), reason);

    /// <summary>An elicitation answer the transport received (an MRTR retry with a verified request state).</summary>
    internal static ConfirmationEvidence FromElicitation(bool accepted) => new(Elicitation, accepted, approver: null, reason: null);

    private static string RequireApprover(string approver)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approver);
        return approver.Trim();
    }
}
