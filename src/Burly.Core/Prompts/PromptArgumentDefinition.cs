namespace Burly.Prompts;

/// <summary>An argument of a prompt.</summary>
public sealed class PromptArgumentDefinition
{
    /// <summary>Gets the argument name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description shown to clients.</summary>
    public string? Description { get; init; }

    /// <summary>Gets a value indicating whether the argument is required.</summary>
    public bool Required { get; init; }
}
