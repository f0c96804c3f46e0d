namespace Burly.ToolPacks;

/// <summary>The tools implemented by the registered packs.</summary>
public interface IToolCatalog
{
    /// <summary>Gets every implemented tool by name.</summary>
    IReadOnlyDictionary<string, ToolDefinition> Tools { get; }

    /// <summary>
    /// Returns the implementation of a policy entry: a pack's tool of that name, else a tool a registered
    /// <see cref="IPolicyToolFactory"/> builds from the entry itself (e.g. a <c>command</c> tool).
    /// </summary>
    /// <param name="name">The tool name.</param>
    /// <param name="entry">The policy entry (raw keys).</param>
    /// <returns>The implementation, or <see langword="null"/>.</returns>
    ToolDefinition? Resolve(string name, System.Text.Json.Nodes.JsonObject entry) => Tools.GetValueOrDefault(name);
}
