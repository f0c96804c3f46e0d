using System.Runtime.CompilerServices;
using Burly.Configuration;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Hosting;

/// <summary>
/// Fills the SDK's tool collection from the policy and keeps it in step with policy reloads (every reload raises the
/// collection's <c>Changed</c>; <see cref="McpListChangedFilter"/> lets <c>notifications/tools/list_changed</c> through
/// only to the stateful sessions whose own tools/list changed).
/// </summary>
/// <remarks>
/// The SDK runs this once for the shared options, and again for every options copy it creates: per session
/// when a host sets <c>ConfigureSessionOptions</c>, and per HTTP request in stateless mode. Collections are
/// therefore tracked weakly (one subscription to <see cref="IPolicyProvider.Changed"/> in total), so a
/// per-request copy is collected with its request instead of being kept alive by the event.
/// </remarks>
internal sealed class BurlyMcpServerOptionsSetup : IConfigureOptions<McpServerOptions>
{
    private readonly IPolicyProvider _policy;
    private readonly IToolCatalog _catalog;
    private readonly IOptions<BurlyOptions> _options;
    private readonly IEnumerable<BurlyServerInstructions> _instructions;
    private readonly ConditionalWeakTable<NotifyingPrimitiveCollection<McpServerTool>, object?> _collections = [];
    private Tuple<PolicyDocument, IReadOnlyList<BurlyMcpTool>>? _tools;

    public BurlyMcpServerOptionsSetup(IPolicyProvider policy, IToolCatalog catalog, IOptions<BurlyOptions> options, IEnumerable<BurlyServerInstructions> instructions)
    {
        _instructions = instructions;
        _policy = policy;
        _catalog = catalog;
        _options = options;
        _policy.Changed += (_, document) =>
        {
            using var origin = McpListChangedFilter.ForPolicyReload();
            foreach (var (collection, _) in _collections)
            {
                Sync(collection, document);
            }
        };
    }

    public void Configure(McpServerOptions mcp)
    {
        mcp.ServerInfo = new Implementation { Name = _options.Value.ServerName, Version = _options.Value.ServerVersion, Title = "Burly" };
        mcp.ServerInstructions = BurlyServerInstructions.Compose(_instructions);
        var collection = NotifyingPrimitiveCollection<McpServerTool>.From(mcp.ToolCollection);
        mcp.ToolCollection = collection;
        Sync(collection, _policy.Current);

        _collections.AddOrUpdate(collection, null);
    }

    internal void Sync(McpServerPrimitiveCollection<McpServerTool> collection, PolicyDocument document)
    {
        var wanted = ToolsFor(document);
        if (collection.Count == 0)
        {
            // A fresh per-request/per-session copy (stateless HTTP: every POST): nothing to remove, no one listening yet.
            foreach (var tool in wanted)
            {
                collection.TryAdd(tool);
            }

            return;
        }

        if (SameTools(collection, wanted))
        {
            // The definitions are the same, but who may see them (allow lists, scopes) may not be: offer list_changed,
            // McpListChangedFilter keeps it only for the sessions whose own tools/list changed.
            (collection as NotifyingPrimitiveCollection<McpServerTool>)?.NotifyChanged();
            return;
        }

        using (collection.DeferChangedEvents())
        {
            foreach (var existing in collection.ToArray())
            {
                if (existing is BurlyMcpTool)
                {
                    collection.Remove(existing);
                }
            }

            foreach (var tool in wanted)
            {
                collection.TryAdd(tool);
            }
        }
    }

    /// <summary>Whether the collection already publishes exactly these tools (same names, descriptions, schemas, annotations).</summary>
    private static bool SameTools(McpServerPrimitiveCollection<McpServerTool> collection, IReadOnlyList<BurlyMcpTool> wanted)
    {
        var current = collection.OfType<BurlyMcpTool>().ToDictionary(t => t.ProtocolTool.Name, StringComparer.Ordinal);
        return current.Count == wanted.Count && wanted.All(t => current.TryGetValue(t.ProtocolTool.Name, out var existing)
            && System.Text.Json.JsonSerializer.Serialize(existing.ProtocolTool, ModelContextProtocol.McpJsonUtilities.DefaultOptions)
                == System.Text.Json.JsonSerializer.Serialize(t.ProtocolTool, ModelContextProtocol.McpJsonUtilities.DefaultOptions));
    }

    /// <summary>The MCP tools of a policy, built once per policy document (stateless HTTP asks for them on every request).</summary>
    private IReadOnlyList<BurlyMcpTool> ToolsFor(PolicyDocument document)
    {
        var cached = Volatile.Read(ref _tools);
        if (cached is not null && ReferenceEquals(cached.Item1, document))
        {
            return cached.Item2;
        }

        IReadOnlyList<BurlyMcpTool> tools = document.Tools.Values
            .Where(t => t.Implementation is not null || _catalog.Tools.ContainsKey(t.Name))
            .Select(t => new BurlyMcpTool(t, t.Implementation ?? _catalog.Tools[t.Name]))
            .ToList();
        Volatile.Write(ref _tools, Tuple.Create(document, tools));
        return tools;
    }
}
