using Burly.Configuration;
using Burly.Hosting;
using Burly.Pipeline;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Connects Burly to the MCP SDK's server builder.</summary>
public static class BurlyMcpServerBuilderExtensions
{
    /// <summary>
    /// Exposes the policy's tools (those a registered pack implements) and routes every <c>tools/call</c>
    /// through Burly's pipeline, including unknown tool names (audited, then answered with JSON-RPC -32602).
    /// </summary>
    /// <param name="builder">The MCP server builder.</param>
    /// <param name="transport">The transport name written to audit records: <c>stdio</c> or <c>http</c>.</param>
    /// <returns>The builder.</returns>
    public static IMcpServerBuilder WithBurly(this IMcpServerBuilder builder, string transport)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(transport);
        builder.Services.TryAddSingleton(new BurlyMcpTransport(transport));
        builder.Services.TryAddSingleton<IMcpCallerResolver>(sp => new DefaultMcpCallerResolver(sp.GetRequiredService<BurlyMcpTransport>()));
        builder.Services.AddSingleton<IConfigureOptions<McpServerOptions>, BurlyMcpServerOptionsSetup>();
        builder.Services.TryAddSingleton<Burly.Resources.ReadCatalog>();
        builder.Services.TryAddSingleton<Burly.Resources.ReadPipeline>();
        builder.Services.AddSingleton<IConfigureOptions<McpServerOptions>, Burly.Resources.McpReadHandlersSetup>();
        builder.Services.TryAddSingleton<McpListChangedFilter>();
        builder.Services.AddSingleton<IConfigureOptions<McpServerOptions>>(sp => sp.GetRequiredService<McpListChangedFilter>());
        builder.Services.AddHostedService<LifecycleAuditService>();
        builder.WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is null && context.Services is { } services)
            {
                // Unknown or disabled tool: the SDK answers -32602; audit and count it first.
                var caller = services.GetRequiredService<IMcpCallerResolver>().Resolve(context);
                await services.GetRequiredService<ToolCallPipeline>().InvokeAsync(new ToolCallRequest
                {
                    ToolName = context.Params?.Name ?? string.Empty,
                    Arguments = BurlyMcpTool.ToElement(context.Params?.Arguments),
                    Caller = caller,
                }, cancellationToken).ConfigureAwait(false);
            }

            return await next(context, cancellationToken).ConfigureAwait(false);
        }).AddListToolsFilter(next => async (context, cancellationToken) =>
        {
            // Each caller sees only the tools it may call (the same rule as the pipeline's authorise step).
            var result = await next(context, cancellationToken).ConfigureAwait(false);
            return context.Services is { } services ? McpToolListFilter.ForCaller(result, context, services) : result;
        }));
        return builder;
    }
}
