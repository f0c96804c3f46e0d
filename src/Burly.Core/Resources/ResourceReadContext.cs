using Burly.Pipeline;

namespace Burly.Resources;

/// <summary>What a resource read handler receives.</summary>
public sealed class ResourceReadContext
{
    /// <summary>Gets the URI the client asked for.</summary>
    public required string Uri { get; init; }

    /// <summary>Gets the URI template variables (unescaped), empty for a fixed URI.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the caller (already authorised).</summary>
    public required CallerContext Caller { get; init; }

    /// <summary>Gets the size cap of this read in bytes (the policy's <c>max_bytes</c>); text beyond it is truncated, a larger blob is refused.</summary>
    public required int MaxBytes { get; init; }
}
