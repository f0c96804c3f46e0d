using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.Metrics;
using Burly.Policy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Burly.Audit;

/// <summary>
/// Appends hash-chained JSON Lines to one file with <b>group commit</b>: concurrent appends are queued, and one
/// writer at a time takes the whole queue and writes it as one batch — one cross-process lock acquisition, one
/// <c>write</c>, one flush (one fsync when <see cref="AuditOptions.Fsync"/>) — in chain order. Each caller's task
/// completes only after its record is flushed, so "durable before answered" holds, also after <c>kill -9</c>.
/// <para>
/// The file, its chain state and rotation live in <see cref="AuditFileWriter"/> (rotation and retention in
/// <see cref="AuditRotator"/>). When a write fails (disk full, permissions, file gone) the callers of that batch get
/// an <see cref="AuditWriteException"/>, the failure is logged and counted (<c>burly_mcp_audit_write_failures_total</c>)
/// and <see cref="IsHealthy"/> turns false. Nothing is cached: every later write reopens the file and retries, and the
/// first one that succeeds is preceded by an <c>audit_recovered</c> record saying how many records were lost and since
/// when — no restart is needed.
/// </para>
/// </summary>
internal sealed partial class JsonlAuditLog : IAuditLog, IDisposable
{
    private readonly Lock _queueLock = new();
    private readonly Lock _writeLock = new();
    private readonly BurlyMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<JsonlAuditLog> _logger;
    private readonly AuditFileWriter? _writer;
    private List<PendingAuditRecord> _queue = [];
    private bool _draining;
    private volatile bool _healthy = true;
    private long _lostRecords;
    private DateTimeOffset? _failingSince;

    public JsonlAuditLog(IOptions<BurlyOptions> options, ILogger<JsonlAuditLog> logger, BurlyMetrics metrics, TimeProvider? time = null, IPolicyProvider? policy = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var audit = options.Value.Audit;
        _logger = logger;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        FilePath = audit.Enabled ? audit.ResolvePath(options.Value) : null;
        _writer = FilePath is null ? null : new AuditFileWriter(FilePath, audit, _time, policy, logger);
    }

    public bool IsHealthy => _healthy;

    public string? FilePath { get; }

    /// <summary>Gets how many torn trailing bytes were cut off when the file was opened.</summary>
    public long RepairedTornBytes => _writer?.RepairedTornBytes ?? 0;

    /// <summary>Gets how many times the file was rotated by this instance.</summary>
    public int Rotations => _writer?.Rotations ?? 0;

    /// <summary>Gets how many batches were written (each one lock acquisition and one flush).</summary>
    public long Batches { get; private set; }

    public async ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_writer is null)
        {
            return;
        }

        // Not cancellable once queued: a record must never be half-written because a caller went away.
        var pending = new PendingAuditRecord(record);
        bool lead;
        lock (_queueLock)
        {
            _queue.Add(pending);
            lead = !_draining;
            _draining = true;
        }

        if (lead)
        {
            Drain(pending);
        }

        await pending.Completion.ConfigureAwait(false);
    }

    public ValueTask<bool> EnsureWritableAsync(CancellationToken cancellationToken = default)
    {
        if (_writer is null)
        {
            return ValueTask.FromResult(true);
        }

        if (!_healthy)
        {
            // After a failure only a real write proves recovery: the retry writes the audit_recovered record.
            return RetryAsync();
        }

        lock (_writeLock)
        {
            try
            {
                _writer.EnsureOpen();
                return ValueTask.FromResult(true);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                MarkFailed(ex, 0);
                return ValueTask.FromResult(false);
            }
        }
    }

    /// <summary>Rotates now (for tests and operators); a no-op when the active file is empty.</summary>
    /// <returns>A task.</returns>
    public Task RotateNowAsync()
    {
        if (_writer is not null)
        {
            lock (_writeLock)
            {
                _writer.RotateNow();
            }
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _writer?.Dispose();
        }
    }

    private ValueTask<bool> RetryAsync()
    {
        lock (_writeLock)
        {
            if (!_healthy)
            {
                WriteBatch([]); // writes only the audit_recovered record
            }

            return ValueTask.FromResult(_healthy);
        }
    }

    /// <summary>
    /// Writes queued batches until <paramref name="own"/> is written, then hands the rest (records queued meanwhile)
    /// to a pool thread, so no caller waits for other callers' records longer than one batch.
    /// </summary>
    private void Drain(PendingAuditRecord? own)
    {
        while (true)
        {
            List<PendingAuditRecord> batch;
            lock (_queueLock)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return;
                }

                if (own is not null && own.IsDone)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(static log => log.Drain(null), this, preferLocal: false);
                    return;
                }

                batch = _queue;
                _queue = [];
            }

            WriteBatch(batch);
        }
    }

    private void WriteBatch(List<PendingAuditRecord> batch)
    {
        lock (_writeLock) // re-entrant: RetryAsync holds it already
        {
            var records = new List<AuditRecord>(batch.Count + 1);
            if (!_healthy && _failingSince is { } since)
            {
                records.Add(RecoveryRecord(since));
            }

            records.AddRange(batch.Select(p => p.Record));
            try
            {
                _writer!.WriteBatch(records);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                MarkFailed(ex, batch.Count);
                var error = ex as AuditWriteException ?? new AuditWriteException("The audit log cannot be written.", ex);
                batch.ForEach(p => p.Failed(error));
                return;
            }

            Batches++;
            if (!_healthy)
            {
                LogRecovered(_logger, Interlocked.Read(ref _lostRecords));
                Interlocked.Exchange(ref _lostRecords, 0);
                _failingSince = null;
                _healthy = true;
            }

            _metrics.AuditLogSize = _writer.Length;
        }

        batch.ForEach(p => p.Written());
    }

    private AuditRecord RecoveryRecord(DateTimeOffset since) => new()
    {
        Timestamp = _time.GetUtcNow(),
        EventType = AuditEventTypes.AuditRecovered,
        UserId = "system",
        Result = AuditResults.Success,
        ExitCode = 0,
        Details = new JsonObject
        {
            ["failing_since"] = AuditRecordSerializer.FormatTimestamp(since),
            ["records_not_written"] = Interlocked.Read(ref _lostRecords),
        },
    };

    private void MarkFailed(Exception ex, int records)
    {
        _healthy = false;
        _failingSince ??= _time.GetUtcNow();
        if (records > 0)
        {
            Interlocked.Add(ref _lostRecords, records);
            _metrics.AuditWriteFailures.Add(records);
        }

        LogWriteFailed(_logger, ex);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "The audit log cannot be written; mutating calls are refused until it can. Every later write retries.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "The audit log can be written again; {Lost} records could not be written while it failed (see the audit_recovered record).")]
    private static partial void LogRecovered(ILogger logger, long lost);
}
