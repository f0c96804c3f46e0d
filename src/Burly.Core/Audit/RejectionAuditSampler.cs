using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Burly.Audit;

/// <summary>
/// Audits rejected requests (HTTP 401/429, refused stdio lines…) so that no client can fill the audit volume: per
/// source (e.g. event type, caller and remote address) and window (<see cref="AuditOptions.RejectionWindowSeconds"/>)
/// the first <see cref="AuditOptions.RejectionSampleFirst"/> rejections are recorded in full, the rest are only counted
/// and written as one <c>rejections_summary</c> record when the window ends — when the source's next rejection arrives,
/// when the window's timer fires (even if the source never sends again), or at shutdown (<see cref="FlushAsync"/>).
/// Never throws for audit failures (they are logged and counted by the log).
/// </summary>
public sealed partial class RejectionAuditSampler : IAsyncDisposable, IDisposable
{
    private const int MaxSources = 10_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly IOptions<BurlyOptions> _options;
    private readonly ILogger<RejectionAuditSampler> _logger;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="RejectionAuditSampler"/> class.</summary>
    /// <param name="audit">The audit log.</param>
    /// <param name="time">The clock (window timers).</param>
    /// <param name="options">The options (<see cref="AuditOptions.RejectionSampleFirst"/>, <see cref="AuditOptions.RejectionWindowSeconds"/>).</param>
    /// <param name="logger">The logger.</param>
    public RejectionAuditSampler(IAuditLog audit, TimeProvider time, IOptions<BurlyOptions> options, ILogger<RejectionAuditSampler> logger)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        (_audit, _time, _options, _logger) = (audit, time, options, logger);
    }

    /// <summary>Records a rejection: in full while the source is within its first rejections of the window, else counted.</summary>
    /// <param name="source">The source key (rejections with the same key are aggregated).</param>
    /// <param name="record">The full record; its event type, transport, caller, result, error code and <c>details.remote_address</c> shape the summary.</param>
    /// <returns>A task that completes when the record (and a summary of the previous window, if due) is written or counted.</returns>
    public async ValueTask WriteAsync(string source, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(record);
        var (write, summary) = Count(source, record);
        if (summary is not null)
        {
            await AppendAsync(summary).ConfigureAwait(false);
        }

        if (write)
        {
            await AppendAsync(record).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a <c>rejections_summary</c> now for every source with uncounted rejections (at shutdown), and waits for timer-written summaries.</summary>
    /// <returns>A task.</returns>
    public async Task FlushAsync()
    {
        foreach (var (_, w) in _windows)
        {
            AuditRecord? summary;
            lock (w)
            {
                summary = w.TakeSummary(_time.GetUtcNow(), _options.Value.Audit.RejectionWindowSeconds);
            }

            if (summary is not null)
            {
                await AppendAsync(summary).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(_pending.Keys).ConfigureAwait(false);
    }

    /// <summary>Flushes pending counts (<see cref="FlushAsync"/>) and stops the window timers.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await FlushAsync().ConfigureAwait(false);
        StopTimers();
    }

    /// <summary>Stops the window timers without writing (use <see cref="DisposeAsync"/> or <see cref="FlushAsync"/> to write pending counts).</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _disposed, 1);
        StopTimers();
    }

    private void StopTimers()
    {
        foreach (var (_, w) in _windows)
        {
            lock (w)
            {
                w.Timer?.Dispose();
                w.Timer = null;
            }
        }
    }

    private (bool Write, AuditRecord? Summary) Count(string source, AuditRecord record)
    {
        var o = _options.Value.Audit;
        var now = _time.GetUtcNow();
        var window = TimeSpan.FromSeconds(o.RejectionWindowSeconds);
        if (_windows.Count >= MaxSources)
        {
            foreach (var stale in _windows.Where(w => now - w.Value.Start >= window && w.Value.Suppressed == 0))
            {
                _windows.TryRemove(stale.Key, out _);
            }
        }

        var w = _windows.GetOrAdd(source, _ => new Window(now));
        lock (w)
        {
            AuditRecord? summary = null;
            if (now - w.Start >= window)
            {
                summary = w.TakeSummary(now, o.RejectionWindowSeconds);
                (w.Start, w.Count) = (now, 0);
            }

            w.Count++;
            var write = w.Count <= o.RejectionSampleFirst;
            if (!write)
            {
                if (w.Suppressed++ == 0)
                {
                    w.Template = record;
                    ArmTimer(w, w.Start + window - now);
                }
            }

            return (write, summary);
        }
    }

    /// <summary>When the window ends with rejections only counted, writes their summary even if the source is silent from then on.</summary>
    private void ArmTimer(Window w, TimeSpan due)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        w.Timer?.Dispose();
        w.Timer = _time.CreateTimer(
            _ =>
            {
                AuditRecord? summary;
                lock (w)
                {
                    summary = _time.GetUtcNow() - w.Start >= TimeSpan.FromSeconds(_options.Value.Audit.RejectionWindowSeconds)
                        ? w.TakeSummary(_time.GetUtcNow(), _options.Value.Audit.RejectionWindowSeconds)
                        : null;
                }

                if (summary is not null)
                {
                    var task = AppendAsync(summary).AsTask();
                    _pending.TryAdd(task, 0);
                    _ = task.ContinueWith(t => _pending.TryRemove(t, out byte _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            },
            null,
            due < TimeSpan.Zero ? TimeSpan.Zero : due,
            Timeout.InfiniteTimeSpan);
    }

    private async ValueTask AppendAsync(AuditRecord record)
    {
        try
        {
            await _audit.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AuditWriteException ex)
        {
            LogAuditFailed(_logger, record.EventType, ex);
        }
        catch (ObjectDisposedException ex)
        {
            LogAuditFailed(_logger, record.EventType, ex);
        }
    }

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Could not audit a {EventType} event.")]
    private static partial void LogAuditFailed(ILogger logger, string eventType, Exception exception);

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public long Count { get; set; }

        public long Suppressed { get; set; }

        public AuditRecord? Template { get; set; }

        public ITimer? Timer { get; set; }

        /// <summary>The summary of the rejections counted but not recorded so far (none when there are none); resets the counts.</summary>
        public AuditRecord? TakeSummary(DateTimeOffset now, int windowSeconds)
        {
            Timer?.Dispose();
            Timer = null;
            if (Suppressed == 0 || Template is not { } record)
            {
                return null;
            }

            var summary = new AuditRecord
            {
                Timestamp = now,
                EventType = AuditEventTypes.RejectionsSummary,
                Transport = record.Transport,
                UserId = record.UserId,
                Result = record.Result,
                ErrorCode = record.ErrorCode,
                ExitCode = 1,
                Details = new JsonObject
                {
                    ["event_type"] = record.EventType,
                    ["window_start"] = AuditRecordSerializer.FormatTimestamp(Start),
                    ["window_seconds"] = windowSeconds,
                    ["recorded_in_full"] = Count - Suppressed,
                    ["not_recorded"] = Suppressed,
                },
            };

            if (record.Details?["remote_address"] is { } address)
            {
                summary.Details!["remote_address"] = address.DeepClone();
            }

            // The window's rejections are accounted for; a later rejection in the same window starts counting afresh.
            (Count, Suppressed, Template) = (Count - Suppressed, 0, null);
            return summary;
        }
    }
}
