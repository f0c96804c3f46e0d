namespace Burly.Confirmation;

/// <summary>An out-of-band approval of one mutating call (one tool, one argument hash, once, within its TTL).</summary>
public sealed record Approval
{
    /// <summary>Gets the approval id (the value the caller passes as <c>_confirm</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the tool.</summary>
    public required string Tool { get; init; }

    /// <summary>Gets the hash of the call's arguments.</summary>
    public required string ArgsHash { get; init; }

    /// <summary>Gets what the call will change (shown to the approver).</summary>
    public required string Operation { get; init; }

    /// <summary>Gets who asked.</summary>
    public required string RequestedBy { get; init; }

    /// <summary>Gets when it was requested.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when it expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets the state: <c>pending</c>, <c>approved</c>, <c>rejected</c>, <c>used</c>.</summary>
    public string Status { get; init; } = ApprovalStatus.Pending;

    /// <summary>Gets who decided.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Gets when it was decided.</summary>
    public DateTimeOffset? DecidedAt { get; init; }
}

/// <summary>Approval states.</summary>
public static class ApprovalStatus
{
    /// <summary>Waiting for a person.</summary>
    public const string Pending = "pending";

    /// <summary>Approved; valid once.</summary>
    public const string Approved = "approved";

    /// <summary>Rejected.</summary>
    public const string Rejected = "rejected";

    /// <summary>Approved and consumed by a call.</summary>
    public const string Used = "used";
}
