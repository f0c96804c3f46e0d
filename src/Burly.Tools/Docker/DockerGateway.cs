using Burly.Pipeline;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.ToolPacks;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Burly.Tools.Docker;

/// <summary>
/// What every Docker tool shares: runs an engine operation under <c>DOCKER_TIMEOUT</c>, translates failures into
/// client-safe errors, resolves a container argument and enforces the policy's allow-list.
/// </summary>
internal sealed class DockerGateway
{
    private readonly IDockerClientFactory _factory;
    private readonly DockerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DockerGateway> _logger;

    public DockerGateway(IDockerClientFactory factory, IOptions<DockerOptions> options, TimeProvider time, ILogger<DockerGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _factory = factory;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs one engine operation with the <c>DOCKER_TIMEOUT</c> deadline.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="context">The tool call.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="describe">What is attempted, for an engine refusal (e.g. <c>restart container 'web'</c>).</param>
    /// <param name="container">The container argument, so a 404 names it; <see langword="null"/> for list calls.</param>
    /// <param name="cancellationToken">The call's token (tool timeout, client gone).</param>
    /// <returns>The result.</returns>
    public async Task<T> RunAsync<T>(
        ToolContext context,
        Func<IDockerClient, CancellationToken, Task<T>> operation,
        string describe,
        string? container,
        CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_factory.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var client = await _factory.GetClientAsync(linked.Token).ConfigureAwait(false);
            var result = await operation(client, linked.Token).ConfigureAwait(false);
            _factory.ReportEngineState(up: true);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // The pipeline's own timeout or the client going away: the pipeline reports it.
        }
        catch (ToolException)
        {
            throw;
        }
        catch (DockerContainerNotFoundException) when (container is not null)
        {
            _factory.ReportEngineState(up: true);
            throw DockerErrors.NotFound(container);
        }
        catch (Exception ex)
        {
            var reason = DockerErrors.Classify(ex, deadline.IsCancellationRequested, SocketFileProbe());
            if (reason != DockerErrors.Unavailability.None)
            {
                _factory.ReportEngineState(up: false);
                DockerLog.EngineUnavailable(_logger, reason.ToString(), context.ToolName, (ex.GetBaseException() is { } root ? root.Message : ex.Message) + $" (endpoint {Endpoint()?.ToString() ?? "invalid"})");
                DockerLog.EngineFailureDetail(_logger, context.ToolName, ex);
                throw DockerErrors.Unavailable(reason, Scheme(), _options.TimeoutSeconds);
            }

            if (ex is DockerApiException api)
            {
                _factory.ReportEngineState(up: true);
                DockerLog.EngineRefused(_logger, context.ToolName, (int)api.StatusCode, ex);
                throw DockerErrors.Refused(api, describe);
            }

            throw; // Anything else is a bug: the pipeline logs it and answers TOOL_FAILED without details.
        }
    }

    /// <summary>
    /// Finds a container by name or id and checks it against the allow-list. A container outside the list is
    /// <c>FORBIDDEN</c> (reported as a security violation) whether or not it exists, so the list does not reveal
    /// which other containers run on the host.
    /// </summary>
    /// <param name="context">The tool call.</param>
    /// <param name="container">The name or id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The container's inspect data.</returns>
    public async Task<ContainerInspectResponse> ResolveAsync(ToolContext context, string container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var allowList = ContainerAllowList.From(context.PolicySettings);
        ContainerInspectResponse inspect;
        try
        {
            inspect = await RunAsync(context, (c, ct) => c.Containers.InspectContainerAsync(container, ct), $"inspect container '{container}'", container, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ToolException ex) when (ex.Code == BurlyErrorCodes.InvalidArguments && allowList.IsRestricted && !allowList.Allows(container))
        {
            throw await ForbiddenAsync(context, container, allowList, cancellationToken).ConfigureAwait(false);
        }

        if (!allowList.Allows(inspect.Name))
        {
            throw await ForbiddenAsync(context, container, allowList, cancellationToken).ConfigureAwait(false);
        }

        return inspect;
    }

    /// <summary>Returns the container argument (required by the schema).</summary>
    /// <param name="context">The tool call.</param>
    /// <returns>The name or id.</returns>
    public static string ContainerArgument(ToolContext context) =>
        context.GetString("container") is { Length: > 0 } c
            ? c.TrimStart('/')
            : throw new ToolException(BurlyErrorCodes.InvalidArguments, "The 'container' argument is required: a container name or id (docker_ps lists them).");

    private async Task<ToolException> ForbiddenAsync(ToolContext context, string container, ContainerAllowList allowList, CancellationToken cancellationToken)
    {
        DockerLog.ForbiddenContainer(_logger, container, context.ToolName);
        await context.Security.ReportAsync(SecurityViolationTypes.ForbiddenContainer, context.ToolName, new JsonObject { ["container"] = container }, cancellationToken)
            .ConfigureAwait(false);
        return new ToolException(BurlyErrorCodes.Forbidden,
            $"The policy does not allow {context.ToolName} on container '{container}' (config.docker.allowed_containers). Use a container docker_ps lists, or ask an operator to extend the allow-list.",
            new JsonObject { ["container"] = container, ["allowed_containers"] = new JsonArray(allowList.Globs.Select(g => (JsonNode?)g).ToArray()) });
    }

    private string Scheme() => Endpoint()?.Scheme ?? "invalid";

    private Func<bool>? SocketFileProbe() =>
        Endpoint() is { Scheme: "unix" } endpoint ? () => Path.Exists(endpoint.LocalPath) : null;

    private Uri? Endpoint()
    {
        try
        {
            return _options.ResolveEndpoint();
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
