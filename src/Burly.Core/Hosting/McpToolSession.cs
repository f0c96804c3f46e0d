using Burly.ToolPacks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// Sampling is deprecated from protocol 2026-07-28 (SEP-2577) but is what 2025-11-25 clients use.
#pragma warning disable MCP9005

namespace Burly.Hosting;

/// <summary>A tool's session over MCP: progress to the caller's progress token, log messages through the SDK's client logger.</summary>
internal sealed class McpToolSession(McpServer server, ProgressToken? progressToken, string toolName) : IToolSession
{
    // notifications/message is deprecated from protocol 2026-07-28 (SEP-2577) but is what 2025-11-25 clients use.
    private readonly Lazy<ILogger> _clientLogger = new(() => server.AsClientLoggerProvider().CreateLogger(toolName));

    public async ValueTask ReportProgressAsync(double progress, double? total = null, string? message = null, CancellationToken cancellationToken = default)
    {
        if (progressToken is not { } token)
        {
            return; // The caller did not ask for progress.
        }

        await server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = (float)progress, Total = (float?)total, Message = message }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public ValueTask LogAsync(LogLevel level, string message, CancellationToken cancellationToken = default)
    {
#pragma warning disable CA1848, CA2254 // The message is the tool's text, sent as is to the client.
        _clientLogger.Value.Log(level, message);
#pragma warning restore CA1848, CA2254
        return ValueTask.CompletedTask;
    }

    public async ValueTask<ElicitResult> ElicitAsync(ElicitRequestParams request, CancellationToken cancellationToken = default)
    {
        if (server.ClientCapabilities?.Elicitation is null)
        {
            throw new ToolException(BurlyErrorCodes.DependencyUnavailable, $"'{toolName}' needs to ask for input, but this client does not support elicitation. Use a client that does.");
        }

        return await server.ElicitAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<CreateMessageResult> SampleAsync(CreateMessageRequestParams request, CancellationToken cancellationToken = default)
    {
        if (server.ClientCapabilities?.Sampling is null)
        {
            throw new ToolException(BurlyErrorCodes.DependencyUnavailable, $"'{toolName}' needs a model completion, but this client does not support sampling. Use a client that does.");
        }

        return await server.SampleAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
