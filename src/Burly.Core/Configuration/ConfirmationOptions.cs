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
}
