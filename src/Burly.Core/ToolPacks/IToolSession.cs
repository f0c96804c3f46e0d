using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

// Sampling is deprecated from protocol 2026-07-28 (SEP-2577) but is what 2025-11-25 clients use.
#pragma warning disable MCP9005

namespace Burly.ToolPacks;

/// <summary>
/// What a tool may say to the caller while it runs. The pipeline owns the session: over MCP, progress becomes
/// <c>notifications/progress</c> (only when the caller sent a progress token) and log messages become
/// <c>notifications/message</c> (respecting the client's <c>logging/setLevel</c>); in-process and CLI calls get a no-op.
/// </summary>
public interface IToolSession
{
    /// <summary>Reports progress.</summary>
    /// <param name="progress">Work done so far (increasing).</param>
    /// <param name="total">The total, when known.</param>
    /// <param name="message">A short human-readable status.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task.</returns>
    ValueTask ReportProgressAsync(double progress, double? total = null, string? message = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a log message to the client (never secrets or absolute host paths).</summary>
    /// <param name="level">The level.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task.</returns>
    ValueTask LogAsync(LogLevel level, string message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the person at the client for input (<c>elicitation/create</c>). Allowed only when the tool's policy lists
    /// <c>client_requests: [elicitation]</c>; otherwise, or when the client cannot elicit, throws a <see cref="ToolException"/>.
    /// The question and the shape of the answer (action and field names, never values) are audited.
    /// </summary>
    /// <param name="request">The question and the requested schema.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The client's answer.</returns>
    ValueTask<ElicitResult> ElicitAsync(ElicitRequestParams request, CancellationToken cancellationToken = default) =>
        throw new ToolException(BurlyErrorCodes.DependencyUnavailable, "This call has no MCP client to ask (in-process or CLI call); elicitation is unavailable.");

    /// <summary>
    /// Asks the client's model for a completion (<c>sampling/createMessage</c>). Allowed only when the tool's policy lists
    /// <c>client_requests: [sampling]</c>; otherwise, or when the client cannot sample, throws a <see cref="ToolException"/>.
    /// </summary>
    /// <param name="request">The messages and limits.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The model's answer.</returns>
    ValueTask<CreateMessageResult> SampleAsync(CreateMessageRequestParams request, CancellationToken cancellationToken = default) =>
        throw new ToolException(BurlyErrorCodes.DependencyUnavailable, "This call has no MCP client to ask (in-process or CLI call); sampling is unavailable.");
}

/// <summary>A session that drops everything (in-process and CLI calls).</summary>
public sealed class NullToolSession : IToolSession
{
    private NullToolSession()
    {
    }

    /// <summary>Gets the instance.</summary>
    public static NullToolSession Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask ReportProgressAsync(double progress, double? total = null, string? message = null, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask LogAsync(LogLevel level, string message, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
