namespace Burly.Pipeline;

/// <summary>
/// The security-violation types reported through <see cref="ISecurityEventSink"/>, written to the audit log
/// (<c>details.violation_type</c>) and counted by <c>burly_mcp_security_violations_total{type}</c>.
/// </summary>
public static class SecurityViolationTypes
{
    /// <summary>A path outside the allowed roots (traversal, symlink escape).</summary>
    public const string PathEscape = "path_escape";

    /// <summary>A container outside the allow list.</summary>
    public const string ForbiddenContainer = "forbidden_container";

    /// <summary>A call the policy forbids (disabled or unknown tool, caller not allowed).</summary>
    public const string ForbiddenCall = "forbidden_call";

    /// <summary>An HTTP request from an Origin that is not allowed.</summary>
    public const string OriginRejected = "origin_rejected";

    /// <summary>Every type above: each gets a counter series at 0 on start.</summary>
    internal static IReadOnlyList<string> All { get; } = [PathEscape, ForbiddenContainer, ForbiddenCall, OriginRejected];
}
