using Burly.Pipeline;

namespace Burly.Completions;

/// <summary>
/// A <c>completion/complete</c> request for one argument of a prompt or resource template, passed to the
/// <c>Complete</c> delegate of a <see cref="Burly.Prompts.PromptDefinition"/> or <see cref="Burly.Resources.ResourceDefinition"/>.
/// Burly only asks a pack after the caller passed the same authorisation as a read; it caps the answer at
/// <see cref="MaxValues"/> values.
/// </summary>
public sealed class CompletionRequest
{
    /// <summary>The most values Burly returns for one request (the MCP limit).</summary>
    public const int MaxValues = 100;

    /// <summary>Gets the argument (prompt argument or URI template variable) being completed.</summary>
    public required string ArgumentName { get; init; }

    /// <summary>Gets what the user typed so far.</summary>
    public required string Value { get; init; }

    /// <summary>Gets the values of other arguments the client already knows (may be empty).</summary>
    public IReadOnlyDictionary<string, string> OtherArguments { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the caller.</summary>
    public required CallerContext Caller { get; init; }
}
