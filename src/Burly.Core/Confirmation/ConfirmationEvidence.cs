namespace Burly.Confirmation;

/// <summary>A confirmation answer obtained before the pipeline ran (an MRTR retry, the CLI's <c>--confirm</c>).</summary>
/// <param name="Method">The method: <c>elicitation</c>, <c>approval</c> or <c>operator</c>.</param>
/// <param name="Accepted">Whether the person accepted.</param>
public sealed record ConfirmationEvidence(string Method, bool Accepted)
{
    /// <summary>The method name of an operator's explicit confirmation on the CLI.</summary>
    public const string Operator = "operator";
}
