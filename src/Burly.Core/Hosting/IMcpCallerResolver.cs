using Burly.Pipeline;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Hosting;

/// <summary>Turns an MCP request into the pipeline's caller (identity, scopes). Hosts with authentication replace it.</summary>
public interface IMcpCallerResolver
{
    /// <summary>Resolves the caller of a request.</summary>
    /// <param name="request">The MCP request.</param>
    /// <returns>The caller.</returns>
    CallerContext Resolve(RequestContext<CallToolRequestParams> request);
}
