namespace Burly.ToolPacks;

/// <summary>Collects the tools of all registered packs; duplicate names are a start-up error.</summary>
internal sealed class ToolCatalog : IToolCatalog
{
    public ToolCatalog(IEnumerable<IToolPack> packs)
    {
        var tools = new Dictionary<string, ToolDefinition>(StringComparer.Ordinal);
        foreach (var pack in packs)
        {
            foreach (var tool in pack.GetTools())
            {
                if (!tools.TryAdd(tool.Name, tool))
                {
                    throw new InvalidOperationException($"Two tool packs implement a tool named '{tool.Name}' ({pack.GetType().Name} and another). Tool names must be unique.");
                }
            }
        }

        Tools = tools;
    }

    public IReadOnlyDictionary<string, ToolDefinition> Tools { get; }
}
