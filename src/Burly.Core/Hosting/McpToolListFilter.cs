using Burly.Pipeline;
using Burly.Policy;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Hosting;

/// <summary>Filters an MCP <c>tools/list</c> answer down to the tools the requesting caller may call.</summary>
internal static class McpToolListFilter
{
    public static ListToolsResult ForCaller(ListToolsResult result, RequestContext<ListToolsRequestParams> context, IServiceProvider services)
    {
        var caller = services.GetRequiredService<IMcpCallerResolver>().Resolve(
            new RequestContext<CallToolRequestParams>(context.Server, context.JsonRpcRequest, new CallToolRequestParams { Name = string.Empty }) { User = context.User, Services = services });
        var authorizer = services.GetRequiredService<IToolAuthorizer>();
        var policy = services.GetRequiredService<IPolicyProvider>().Current;
        result.Tools = result.Tools
            .Where(t => !policy.Tools.TryGetValue(t.Name, out var tool) || authorizer.IsExposedTo(caller, tool))
            .ToList();
        return result;
    }
}
