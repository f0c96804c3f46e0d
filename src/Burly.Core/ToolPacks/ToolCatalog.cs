namespace Burly.ToolPacks;

/// <summary>Collects the tools of all registered packs; duplicate names are a start-up error.</summary>
internal sealed class ToolCatalog : IToolCatalog
{
    private readonly IPolicyToolFactory[] _factories;

    public ToolCatalog(IEnumerable<IToolPack> packs, IEnumerable<IPolicyToolFactory> factories)
    {
        _factories = factories.ToArray();
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

    public ToolDefinition? Resolve(string name, System.Text.Json.Nodes.JsonObject entry) =>
        Tools.GetValueOrDefault(name) ?? _factories.Select(f => f.Create(name, entry)).FirstOrDefault(t => t is not null);
}
