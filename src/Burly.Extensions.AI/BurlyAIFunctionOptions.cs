namespace Burly.Extensions.AI;

/// <summary>How Burly's tools are exposed as <c>AIFunction</c>s.</summary>
public sealed class BurlyAIFunctionOptions
{
    /// <summary>Gets or sets how long an approval request stays answerable and an approval usable, counted from when the request was first seen.</summary>
    /// <value>The default value is the server's confirmation TTL (<c>Burly:Confirmation:TtlSeconds</c>, 600 s) when created from a service provider, else 10 minutes.</value>
    public TimeSpan? ApprovalTimeToLive { get; set; }

    /// <summary>Gets or sets the clock (tests use a fake one).</summary>
    /// <value>The default value is the service provider's <see cref="System.TimeProvider"/>, else <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; set; }
}
