using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>Confirmation options.</summary>
public sealed class ConfirmationOptions
{
    /// <summary>Gets or sets the key that signs MRTR request state and approvals; generated per process when empty.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Gets or sets how long an MRTR confirmation state or approval stays valid, in seconds.</summary>
    /// <value>The default value is 600.</value>
    [Range(10, 86_400)]
    public int TtlSeconds { get; set; } = 600;

    /// <summary>Gets or sets how many approvals one caller may have pending at once; further unconfirmed calls are refused with <c>RATE_LIMITED</c>.</summary>
    /// <value>The default value is 20.</value>
    [Range(1, 10_000)]
    public int MaxPendingPerCaller { get; set; } = 20;

    /// <summary>Gets or sets how many approvals may be pending on the server at once.</summary>
    /// <value>The default value is 500.</value>
    [Range(1, 100_000)]
    public int MaxPending { get; set; } = 500;
}
