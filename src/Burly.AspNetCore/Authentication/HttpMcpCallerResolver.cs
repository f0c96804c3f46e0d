using Burly.Hosting;
using Burly.Pipeline;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Host.Http.Authentication;

/// <summary>Caller from the claims the API-key handler put on the request user; anonymous when there are none.</summary>
internal sealed class HttpMcpCallerResolver : IMcpCallerResolver
{
    public CallerContext Resolve(RequestContext<CallToolRequestParams> request)
    {
        var user = request.User;
        var server = request.Server;
        var scopes = user?.FindAll(BurlyClaimTypes.ToolScope).Select(c => c.Value).ToList();
        return new CallerContext
        {
            UserId = user?.FindFirst(BurlyClaimTypes.UserId)?.Value ?? "anonymous",
            Transport = BurlyTransports.Http,
            SessionId = server.SessionId,
            ClientName = server.ClientInfo?.Name,
            ClientVersion = server.ClientInfo?.Version,
            ToolScopes = scopes is { Count: > 0 } ? scopes : null,
            ReadOnlyScope = user?.FindFirst(BurlyClaimTypes.ReadOnly)?.Value == "true",
        };
    }
}
