namespace Burly.Policy;

/// <summary>A loaded, validated policy: the enabled tools and the global settings.</summary>
public sealed class PolicyDocument
{
    /// <summary>Gets the enabled tools by name, in the order they were defined.</summary>
    public required IReadOnlyDictionary<string, ToolPolicy> Tools { get; init; }

    /// <summary>Gets the global settings.</summary>
    public required PolicySettings Settings { get; init; }

    /// <summary>Gets the files the policy was read from, in merge order.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>Gets the names of tools disabled with <c>enabled: false</c> or a global switch.</summary>
    public IReadOnlyList<string> DisabledTools { get; init; } = [];

    /// <summary>Gets the enabled resources (policy <c>resources:</c>) by name; a pack's resource not listed here is not exposed.</summary>
    public IReadOnlyDictionary<string, ReadPolicy> Resources { get; init; } = new Dictionary<string, ReadPolicy>();

    /// <summary>Gets the enabled prompts (policy <c>prompts:</c>) by name; a pack's prompt not listed here is not exposed.</summary>
    public IReadOnlyDictionary<string, ReadPolicy> Prompts { get; init; } = new Dictionary<string, ReadPolicy>();

    /// <summary>Gets a SHA-256 of the policy sources, to tell policies apart in logs and audit.</summary>
    public string Fingerprint { get; init; } = string.Empty;

    /// <summary>Gets a short description of where the policy came from.</summary>
    public string Describe() => Sources.Count == 0 ? "(empty)" : string.Join(" + ", Sources);
}
