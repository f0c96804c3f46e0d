namespace Burly.Policy;

/// <summary>The outcome of a policy reload.</summary>
/// <param name="Result"><c>success</c> (swapped in), <c>unchanged</c> (same fingerprint) or <c>failure</c> (old policy kept).</param>
/// <param name="Fingerprint">The fingerprint of the policy in force afterwards.</param>
/// <param name="Problems">Every problem found (empty unless failed).</param>
internal sealed record PolicyReloadResult(string Result, string Fingerprint, IReadOnlyList<PolicyProblem> Problems);
