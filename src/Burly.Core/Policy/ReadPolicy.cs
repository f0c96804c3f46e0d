namespace Burly.Policy;

/// <summary>
/// The policy entry of a resource or prompt (a key under <c>resources:</c> or <c>prompts:</c>): only listed, enabled
/// entries are exposed, to the callers <see cref="Allow"/> and the credential's tool scopes admit.
/// </summary>
public sealed class ReadPolicy
{
    /// <summary>The default size cap of one read (64 KiB).</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    /// <summary>The largest <c>max_bytes</c> the policy accepts (4 MiB).</summary>
    public const int MaxMaxBytes = 4 * 1024 * 1024;

    /// <summary>Gets the resource or prompt name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the caller globs allowed to read it (matched against the user id and the principal name), or <see langword="null"/> for every caller.</summary>
    public IReadOnlyList<string>? Allow { get; init; }

    /// <summary>Gets the size cap of one read in bytes (<c>max_bytes</c>): resource text is truncated to it, a larger blob or prompt is refused.</summary>
    public int MaxBytes { get; init; } = DefaultMaxBytes;
}
