using Burly.Pipeline;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Hosting;

/// <summary>Caller without authentication: the local user (stdio) or anonymous. Authenticating hosts register their own <see cref="IMcpCallerResolver"/>.</summary>
internal sealed class DefaultMcpCallerResolver(BurlyMcpTransport transport) : IMcpCallerResolver
{
    public CallerContext Resolve(RequestContext<CallToolRequestParams> request)
    {
        var server = request.Server;
        var userId = transport.Name == BurlyTransports.Stdio ? "local:" + Environment.UserName : "anonymous";
        return new CallerContext
        {
            UserId = userId,
            Transport = transport.Name,
            SessionId = server.SessionId,
            ClientName = server.ClientInfo?.Name,
            ClientVersion = server.ClientInfo?.Version,
        };
    }
}
