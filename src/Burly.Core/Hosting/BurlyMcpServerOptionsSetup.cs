using Burly.Configuration;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Hosting;

/// <summary>
/// Fills the SDK's tool collection from the policy and keeps it in step with policy reloads
/// (the SDK then sends <c>notifications/tools/list_changed</c> to stateful sessions).
/// </summary>
internal sealed class BurlyMcpServerOptionsSetup(IPolicyProvider policy, IToolCatalog catalog, IOptions<BurlyOptions> options) : IConfigureOptions<McpServerOptions>
{
    public void Configure(McpServerOptions mcp)
    {
        mcp.ServerInfo = new Implementation { Name = options.Value.ServerName, Version = options.Value.ServerVersion, Title = "Burly" };
        mcp.ServerInstructions = "Burly operates this host's Docker containers, disks, blog and notifications under a policy. Mutating tools ask for confirmation; every call is audited.";
        var collection = mcp.ToolCollection ??= [];
        Sync(collection, policy.Current);
        policy.Changed += (_, document) => Sync(collection, document);
    }

    internal void Sync(McpServerPrimitiveCollection<McpServerTool> collection, PolicyDocument document)
    {
        var wanted = document.Tools.Values
            .Where(t => catalog.Tools.ContainsKey(t.Name))
            .Select(t => new BurlyMcpTool(t, catalog.Tools[t.Name]))
            .ToList();
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
}
