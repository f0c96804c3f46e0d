using Burly.Configuration;
using Burly.Metrics;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;

namespace Burly.Host.Http.Hosting;

/// <summary>
/// Streamable HTTP transport: stateful sessions by default (elicitation, <c>list_changed</c>), stateless with
/// <c>Burly:Http:Stateless=true</c> for replicas behind a load balancer (the policy's tools are then built for
/// every request, and confirmation is by MRTR or <c>_confirm</c>). Counts open sessions (stateful) or requests
/// being served (stateless) in <c>burly_mcp_active_connections</c>.
/// </summary>
internal sealed class McpTransportSetup(IOptions<HttpHostOptions> options, BurlyMetrics metrics, SessionCounter? sessions = null) : IConfigureOptions<HttpServerTransportOptions>
{
    public void Configure(HttpServerTransportOptions transport)
    {
        transport.SessionMode = options.Value.Stateless ? HttpServerSessionMode.Stateless : HttpServerSessionMode.Stateful;
#pragma warning disable MCP9006 // stateful mode is obsolete for new protocol revisions but Burly still serves it (elicitation, list_changed).
        transport.IdleTimeout = TimeSpan.FromMinutes(options.Value.SessionIdleTimeoutMinutes);
        transport.MaxIdleSessionCount = options.Value.MaxIdleSessions;
#pragma warning restore MCP9006
#pragma warning disable MCPEXP002 // RunSessionHandler is experimental; it is the only per-session hook that sees the session end.
        transport.RunSessionHandler = async (context, server, cancellationToken) =>
        {
            using var slot = sessions?.Claim(context); // the per-key slot reserved by SessionLimitMiddleware, freed when the session ends
            metrics.ActiveConnections.Add(1);
            try
            {
                await server.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                metrics.ActiveConnections.Add(-1);
            }
        };
#pragma warning restore MCPEXP002
    }
}
