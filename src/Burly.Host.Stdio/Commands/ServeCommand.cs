using System.CommandLine;
using Burly.Configuration;
using Burly.Host.Stdio.Stdio;
using Burly.Hosting;
using Burly.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Stdio.Commands;

/// <summary><c>burly serve</c> (the default): MCP over stdin/stdout.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Serve MCP over stdin/stdout (the default command); only `burly serve` opens the METRICS_PORT listener.");
        command.SetAction((_, cancellationToken) => RunAsync(cancellationToken, metricsListener: true));
        return command;
    }

    /// <summary>Serves MCP over stdio.</summary>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <param name="metricsListener">
    /// Whether <c>METRICS_PORT</c> opens a <c>/metrics</c> listener: only for an explicit <c>burly serve</c>. A bare
    /// <c>burly</c> is what MCP clients and the guide's one-liners start (often next to a server that already owns the
    /// port, e.g. <c>docker compose exec -T burly-mcp burly</c>), so it never binds a port.
    /// </param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(CancellationToken cancellationToken, bool metricsListener = false)
    {
        // The protocol owns stdout: anything else that writes to Console.Out (a library, a tool) goes to stderr.
        var protocolOut = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);

        var problems = BurlyHostFactory.Validate();
        if (problems.Count > 0)
        {
            await Console.Error.WriteLineAsync("burly: the configuration is invalid:").ConfigureAwait(false);
            foreach (var p in problems)
            {
                await Console.Error.WriteLineAsync("  " + p).ConfigureAwait(false);
            }

            return 1;
        }

        StartupTrace.Mark("config-validated");
        var builder = BurlyHostFactory.CreateBuilder();
        StartupTrace.Mark("builder-created");
        var grace = TimeSpan.FromSeconds(int.TryParse(builder.Configuration["Burly:Limits:ShutdownGraceSeconds"], out var g) ? g : 10);
        var maxLine = int.TryParse(builder.Configuration["Burly:Limits:MaxStdioLineBytes"], out var ml) && ml >= 1024 ? ml : 1024 * 1024;
        var maxDepth = int.TryParse(builder.Configuration["Burly:Limits:MaxStdioJsonDepth"], out var md) && md >= 8 ? md : 64;
        var stdin = new DrainingStdinStream(new LineLimitingStream(Console.OpenStandardInput(), maxLine, maxDepth), grace, TimeProvider.System);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = grace);

        // Operations: Prometheus /metrics on METRICS_PORT (explicit `burly serve` only) and policy hot reload (file watch + SIGHUP).
        if (metricsListener)
        {
            builder.Services.AddBurlyMetricsExport(builder.Configuration);
        }

        builder.Services.AddBurlyPolicyReload();
        StdioRejectionAudit? rejections = null; // set once the host is built; the filters run only after that
        builder.Services
            .AddMcpServer()
            .WithBurly(BurlyTransports.Stdio)
            .WithMessageFilters(filters =>
            {
                filters.AddIncomingFilter(next => async (context, ct) =>
                {
                    stdin.OnIncoming(context.JsonRpcMessage);
                    if (context.JsonRpcMessage is JsonRpcRequest { Method: RejectedLine.Method } rejected)
                    {
                        // A line refused by LineLimitingStream: answer -32600 with its id, never dispatch it.
                        await rejections!.RejectedLineAsync(rejected).ConfigureAwait(false);
                        await context.Server.SendMessageAsync(RejectedLine.ErrorFor(rejected), ct).ConfigureAwait(false);
                        return;
                    }

                    if (context.JsonRpcMessage is JsonRpcNotification { Method: RejectedLine.Method } dropped)
                    {
                        await rejections!.RejectedLineAsync(dropped).ConfigureAwait(false);
                        return;
                    }

                    try
                    {
                        Stdio.JsonRpcParamsCheck.ThrowIfUnreadable(context.JsonRpcMessage);
                    }
                    catch (ModelContextProtocol.McpProtocolException ex) when (context.JsonRpcMessage is JsonRpcRequest request)
                    {
                        await rejections!.InvalidParamsAsync(request, ex.Message).ConfigureAwait(false);
                        throw;
                    }

                    await next(context, ct).ConfigureAwait(false);
                });
                filters.AddOutgoingFilter(next => async (context, ct) =>
                {
                    await next(context, ct).ConfigureAwait(false);
                    stdin.OnOutgoing(context.JsonRpcMessage);
                    StartupTrace.MarkFirstAnswer();
                });
            })
            .WithStreamServerTransport(stdin, stdin.TrackWrites(protocolOut));

        using var host = builder.Build();
        rejections = new StdioRejectionAudit(host.Services.GetRequiredService<Burly.Audit.RejectionAuditSampler>(), host.Services.GetRequiredService<TimeProvider>());
        StartupTrace.Mark("host-built");
        try
        {
            // Load the policy now: a bad policy stops the server with every problem listed.
            var policy = host.Services.GetRequiredService<IPolicyProvider>().Current;
            StartupTrace.Mark("policy-loaded");
            if (host.Services.GetService<PolicyStore>()?.LastKnownGood is { } copy)
            {
                await Console.Error.WriteLineAsync($"burly: WARNING: the policy files are invalid ({copy.Problems} problem(s)); serving the last-known-good policy saved {copy.SavedAt:O}. Health is degraded until the files are fixed and reloaded (`burly policy validate`).").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync($"burly: serving {policy.Tools.Count} tools over stdio (policy: {policy.Describe()}; audit: {host.Services.GetRequiredService<IOptions<BurlyOptions>>().Value.Audit.ResolvePath(host.Services.GetRequiredService<IOptions<BurlyOptions>>().Value)})").ConfigureAwait(false);
        }
        catch (PolicyValidationException ex)
        {
            await Console.Error.WriteLineAsync("burly: " + ex.Message).ConfigureAwait(false);
            return 1;
        }

        // One stdio connection while serving (burly_mcp_active_connections).
        var metrics = host.Services.GetRequiredService<Burly.Metrics.BurlyMetrics>();
        metrics.ActiveConnections.Add(1);
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            metrics.ActiveConnections.Add(-1);
        }

        return 0;
    }
}
