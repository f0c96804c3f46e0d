using Burly.Completions;
using ModelContextProtocol.Protocol;

namespace Burly.Prompts;

/// <summary>A prompt a pack implements.</summary>
public sealed class PromptDefinition
{
    /// <summary>Gets the prompt name (also the key under <c>prompts:</c> in the policy).</summary>
    public required string Name { get; init; }

    /// <summary>Gets a short human-readable title.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the description shown to clients.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the arguments (all strings, as MCP defines them).</summary>
    public IReadOnlyList<PromptArgumentDefinition> Arguments { get; init; } = [];

    /// <summary>
    /// Gets the handler building the messages (text, image, audio or embedded-resource content). Burly has already checked
    /// that required arguments are present and that no unknown argument was sent.
    /// </summary>
    public required Func<PromptContext, CancellationToken, ValueTask<IReadOnlyList<PromptMessage>>> Get { get; init; }

    /// <summary>Gets the completion handler for arguments, or <see langword="null"/> when the pack offers none.</summary>
    public Func<CompletionRequest, CancellationToken, ValueTask<IReadOnlyList<string>>>? Complete { get; init; }
}
