using Microsoft.Extensions.Logging;

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
