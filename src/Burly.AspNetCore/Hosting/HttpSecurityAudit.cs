using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Configuration;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Hosting;

/// <summary>
/// Writes the HTTP host's own audit records: authentication failures and rate-limit rejections. Floods are aggregated
/// so no client can fill the audit volume: per source (event type, caller, remote address) and window
/// (<see cref="AuditOptions.RejectionWindowSeconds"/>) the first <see cref="AuditOptions.RejectionSampleFirst"/>
/// rejections are recorded in full, the rest are counted and written as one <c>rejections_summary</c> record when the
/// source's next rejection arrives after the window.
/// </summary>
public sealed partial class HttpSecurityAudit(IAuditLog audit, TimeProvider time, ILogger<HttpSecurityAudit> logger, IOptions<BurlyOptions> options)
{
    private const int MaxSources = 10_000;
    private readonly ConcurrentDictionary<string, RejectionWindow> _windows = new(StringComparer.Ordinal);

    /// <summary>Appends a record for a refused request. Never throws for audit failures (the log counts and logs them).</summary>
    /// <param name="context">The request.</param>
    /// <param name="eventType">The event type (<see cref="AuditEventTypes.AuthFailure"/> or <see cref="AuditEventTypes.RateLimited"/>).</param>
    /// <param name="userId">The caller id (<c>anonymous</c> when no valid key).</param>
    /// <param name="errorCode">The error code.</param>
    /// <param name="result">The audit result.</param>
    /// <param name="message">The message sent to the client.</param>
    /// <param name="details">Extra details (reason, limit…).</param>
    /// <returns>A task.</returns>
    public async ValueTask WriteAsync(HttpContext context, string eventType, string userId, string errorCode, string result, string message, JsonObject details)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(details);
        details["path"] = Truncate(context.Request.Path.Value ?? string.Empty, 200);
        details["method"] = context.Request.Method;
        details["remote_address"] = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var record = new AuditRecord
        {
            Timestamp = time.GetUtcNow(),
            EventType = eventType,
            RequestId = context.TraceIdentifier,
            Transport = "http",
            UserId = userId,
            ClientName = context.Request.Headers.UserAgent.Count > 0 ? Truncate(context.Request.Headers.UserAgent.ToString(), 120) : null,
            Result = result,
            Error = message,
            ErrorCode = errorCode,
            ExitCode = 1,
            Details = details,
        };
        var (write, summary) = Count(eventType + "|" + userId + "|" + details["remote_address"], record);
        if (summary is not null)
        {
            await AppendAsync(summary, eventType).ConfigureAwait(false);
        }

        if (write)
        {
            await AppendAsync(record, eventType).ConfigureAwait(false);
        }
    }

    private (bool Write, AuditRecord? Summary) Count(string source, AuditRecord record)
    {
        var o = options.Value.Audit;
        var now = time.GetUtcNow();
        var window = TimeSpan.FromSeconds(o.RejectionWindowSeconds);
        if (_windows.Count >= MaxSources)
        {
            foreach (var stale in _windows.Where(w => now - w.Value.Start >= window && w.Value.Suppressed == 0))
            {
                _windows.TryRemove(stale.Key, out _);
            }
        }

        var w = _windows.GetOrAdd(source, _ => new RejectionWindow(now));
        lock (w)
        {
            AuditRecord? summary = null;
            if (now - w.Start >= window)
            {
                if (w.Suppressed > 0)
                {
                    summary = new AuditRecord
                    {
                        Timestamp = now, EventType = AuditEventTypes.RejectionsSummary, Transport = record.Transport, UserId = record.UserId,
                        Result = record.Result, ErrorCode = record.ErrorCode, ExitCode = 1,
                        Details = new JsonObject
                        {
                            ["event_type"] = record.EventType, ["remote_address"] = record.Details?["remote_address"]?.DeepClone(),
                            ["window_start"] = AuditRecordSerializer.FormatTimestamp(w.Start), ["window_seconds"] = o.RejectionWindowSeconds,
                            ["recorded_in_full"] = w.Count - w.Suppressed, ["not_recorded"] = w.Suppressed,
                        },
                    };
                }

                (w.Start, w.Count, w.Suppressed) = (now, 0, 0);
            }

            w.Count++;
            var write = w.Count <= o.RejectionSampleFirst;
            if (!write)
            {
                w.Suppressed++;
            }

            return (write, summary);
        }
    }

    private async ValueTask AppendAsync(AuditRecord record, string eventType)
    {
        try
        {
            await audit.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AuditWriteException ex)
        {
            LogAuditFailed(logger, eventType, ex);
        }
    }

    private sealed class RejectionWindow(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public long Count { get; set; }

        public long Suppressed { get; set; }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Could not audit a {EventType} event.")]
    private static partial void LogAuditFailed(ILogger logger, string eventType, Exception exception);
}
