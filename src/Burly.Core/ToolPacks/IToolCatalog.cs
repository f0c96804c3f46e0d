namespace Burly.ToolPacks;

/// <summary>The tools implemented by the registered packs.</summary>
public interface IToolCatalog
{
    /// <summary>Gets every implemented tool by name.</summary>
    IReadOnlyDictionary<string, ToolDefinition> Tools { get; }
}
