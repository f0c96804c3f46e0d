using Burly.Pipeline;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Hosting;

/// <summary>Caller from the request user's claims (set by an authenticating host), else the local user (stdio) or anonymous.</summary>
internal sealed class DefaultMcpCallerResolver(BurlyMcpTransport transport) : IMcpCallerResolver
{
    public CallerContext Resolve(RequestContext<CallToolRequestParams> request)
    {
        var user = request.User;
        var server = request.Server;
        var userId = user?.FindFirst(BurlyClaimTypes.UserId)?.Value
            ?? (transport.Name == "stdio" ? "local:" + Environment.UserName : "anonymous");
        var scopes = user?.FindAll(BurlyClaimTypes.ToolScope).Select(c => c.Value).ToList();
        return new CallerContext
        {
            UserId = userId,
            Transport = transport.Name,
            SessionId = server.SessionId,
            ClientName = server.ClientInfo?.Name,
            ClientVersion = server.ClientInfo?.Version,
            ToolScopes = scopes is { Count: > 0 } ? scopes : null,
            ReadOnlyScope = user?.FindFirst(BurlyClaimTypes.ReadOnly)?.Value == "true",
        };
    }
}
