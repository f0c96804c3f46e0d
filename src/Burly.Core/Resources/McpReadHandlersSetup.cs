using Burly.Hosting;
using Burly.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Resources;

/// <summary>
/// Serves the packs' resources, prompts and completions over MCP through <see cref="ReadPipeline"/>: lists are per caller,
/// reads are authorised, bounded and audited. Handlers (and so the capabilities) are only installed when a pack contributes.
/// </summary>
internal sealed class McpReadHandlersSetup(ReadPipeline reads) : IConfigureOptions<McpServerOptions>
{
    public void Configure(McpServerOptions options)
    {
        var handlers = options.Handlers;
        if (reads.HasResources)
        {
            handlers.ListResourcesHandler = (request, _) => ValueTask.FromResult(new ListResourcesResult
            {
                Resources = reads.VisibleResources(Caller(request)).Where(d => !d.IsTemplate).Select(d => new Resource
                {
                    Uri = d.Uri, Name = d.Name, Title = d.Title, Description = d.Description, MimeType = d.MimeType,
                }).ToList(),
            });
            handlers.ListResourceTemplatesHandler = (request, _) => ValueTask.FromResult(new ListResourceTemplatesResult
            {
                ResourceTemplates = reads.VisibleResources(Caller(request)).Where(d => d.IsTemplate).Select(d => new ResourceTemplate
                {
                    UriTemplate = d.Uri, Name = d.Name, Title = d.Title, Description = d.Description, MimeType = d.MimeType,
                }).ToList(),
            });
            handlers.ReadResourceHandler = (request, cancellationToken) =>
                reads.ReadResourceAsync(Caller(request), request.Params?.Uri ?? string.Empty, cancellationToken);
            handlers.SubscribeToResourcesHandler = (request, _) => Subscribe(request, request.Params?.Uri);
            handlers.UnsubscribeFromResourcesHandler = (request, _) => Subscribe(request, request.Params?.Uri);
        }

        if (reads.HasPrompts)
        {
            handlers.ListPromptsHandler = (request, _) => ValueTask.FromResult(new ListPromptsResult
            {
                Prompts = reads.VisiblePrompts(Caller(request)).Select(d => new Prompt
                {
                    Name = d.Name,
                    Title = d.Title,
                    Description = d.Description,
                    Arguments = d.Arguments.Select(a => new PromptArgument { Name = a.Name, Description = a.Description, Required = a.Required }).ToList(),
                }).ToList(),
            });
            handlers.GetPromptHandler = (request, cancellationToken) =>
                reads.GetPromptAsync(Caller(request), request.Params?.Name ?? string.Empty, request.Params?.Arguments, cancellationToken);
        }

        if (reads.HasResources || reads.HasPrompts)
        {
            handlers.CompleteHandler = (request, cancellationToken) => request.Params is { } p
                ? reads.CompleteAsync(Caller(request), p.Ref, p.Argument, p.Context?.Arguments, cancellationToken)
                : ValueTask.FromResult(new CompleteResult());
        }
    }

    /// <summary>
    /// Subscriptions are accepted for resources the caller may read that the pack marks subscribable; Burly keeps no
    /// subscription state and sends no <c>notifications/resources/updated</c> yet (a client re-reads when it wants fresh data).
    /// </summary>
    private ValueTask<EmptyResult> Subscribe<TParams>(RequestContext<TParams> request, string? uri)
    {
        var caller = Caller(request);
        if (uri is null || !reads.VisibleResources(caller).Any(d => d.Subscribable && (d.IsTemplate ? ReadCatalog.CompileTemplate(d.Uri).IsMatch(uri) : d.Uri == uri)))
        {
            throw new McpProtocolException($"No subscribable resource '{uri}' for this caller; see resources/list ({BurlyErrorCodes.UnknownTool}).", McpErrorCode.ResourceNotFound);
        }

        return ValueTask.FromResult(new EmptyResult());
    }

    private static CallerContext Caller<TParams>(RequestContext<TParams> request)
    {
        var services = request.Services ?? throw new InvalidOperationException("The MCP request has no service provider.");
        return services.GetRequiredService<IMcpCallerResolver>().Resolve(
            new RequestContext<CallToolRequestParams>(request.Server, request.JsonRpcRequest, new CallToolRequestParams { Name = string.Empty }) { User = request.User, Services = services });
    }
}
