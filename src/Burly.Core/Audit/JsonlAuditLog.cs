using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Burly.Audit;

/// <summary>
/// Appends hash-chained JSON Lines to one file. One <c>write</c> per record, flushed to the OS (and fsynced
/// when configured) before the call returns, so an acknowledged call is in the file even after <c>kill -9</c>.
/// A torn last line left by a crash is cut off when the file is opened, and reported.
/// </summary>
internal sealed partial class JsonlAuditLog : IAuditLog, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AuditOptions _options;
    private readonly ILogger<JsonlAuditLog> _logger;
    private readonly BurlyMetrics _metrics;
    private FileStream? _stream;
    private long _seq;
    private string _prevHash = AuditRecordSerializer.GenesisHash;
    private volatile bool _healthy = true;

    public JsonlAuditLog(IOptions<BurlyOptions> options, ILogger<JsonlAuditLog> logger, BurlyMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Audit;
        _logger = logger;
        _metrics = metrics;
        FilePath = _options.Enabled ? _options.ResolvePath(options.Value) : null;
    }

    public bool IsHealthy => _healthy;

    public string? FilePath { get; }

    /// <summary>Gets how many torn trailing bytes were cut off when the file was opened.</summary>
    public long RepairedTornBytes { get; private set; }

    public async ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (FilePath is null)
        {
            return;
        }

        // Not cancellable once started: a record must never be half-written because a caller went away.
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var stream = OpenIfNeeded();
            record.Seq = _seq + 1;
            record.PrevHash = _prevHash;
            var line = AuditRecordSerializer.SerializeLine(record);
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            stream.Write(bytes);
            stream.Flush(flushToDisk: _options.Fsync);
            _seq = record.Seq;
            _prevHash = record.Hash!;
            _healthy = true;
            _metrics.AuditLogSize = stream.Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or AuditWriteException)
        {
            _healthy = false;
            _metrics.AuditWriteFailures.Add(1);
            LogWriteFailed(_logger, ex);
            CloseStream();
            throw ex as AuditWriteException ?? new AuditWriteException("The audit log cannot be written.", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<bool> EnsureWritableAsync(CancellationToken cancellationToken = default)
    {
        if (FilePath is null)
        {
            return true;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A stream opened earlier may point at a file that was removed or made read-only since; re-check the path.
            if (_stream is not null && !File.Exists(FilePath))
            {
                CloseStream();
            }

            OpenIfNeeded();
            _healthy = true;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or AuditWriteException)
        {
            _healthy = false;
            LogWriteFailed(_logger, ex);
            CloseStream();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        CloseStream();
        _gate.Dispose();
    }

    private FileStream OpenIfNeeded()
    {
        if (_stream is not null)
        {
            return _stream;
        }

        var path = FilePath!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.None);
        try
        {
            RecoverTail(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        _stream = stream;
        return stream;
    }

    /// <summary>Finds the last complete record (seq, hash) and cuts off a torn last line.</summary>
    private void RecoverTail(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            _seq = 0;
            _prevHash = AuditRecordSerializer.GenesisHash;
            return;
        }

        var window = (int)Math.Min(length, 1024 * 1024);
        var buffer = new byte[window];
        stream.Seek(length - window, SeekOrigin.Begin);
        stream.ReadExactly(buffer);

        var end = window;
        if (buffer[^1] != (byte)'\n')
        {
            var lastNewline = Array.LastIndexOf(buffer, (byte)'\n');
            var keep = lastNewline < 0 ? length - window : length - window + lastNewline + 1;
            RepairedTornBytes = length - keep;
            stream.SetLength(keep);
            LogTornLineRepaired(_logger, RepairedTornBytes, FilePath!);
            end = lastNewline < 0 ? 0 : lastNewline + 1;
        }

        stream.Seek(0, SeekOrigin.End);
        if (end == 0)
        {
            return;
        }

        var start = Array.LastIndexOf(buffer, (byte)'\n', end - 2) + 1;
        var lastLine = Encoding.UTF8.GetString(buffer, start, end - 1 - start);
        try
        {
            if (JsonNode.Parse(lastLine) is JsonObject obj && obj["seq"] is JsonValue seq && obj["hash"] is JsonValue hash)
            {
                _seq = seq.GetValue<long>();
                _prevHash = hash.GetValue<string>();
                return;
            }
        }
        catch (JsonException)
        {
        }

        // The last line is not one of ours (e.g. a foreign file): start a new chain after it, and say so.
        LogForeignTail(_logger, FilePath!);
        _seq = 0;
        _prevHash = AuditRecordSerializer.GenesisHash;
    }

    private void CloseStream()
    {
        _stream?.Dispose();
        _stream = null;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "The audit log cannot be written; mutating calls are refused until it can.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Cut {Bytes} bytes of a torn last line off the audit log {Path} (left by a crash).")]
    private static partial void LogTornLineRepaired(ILogger logger, long bytes, string path);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "The last line of the audit log {Path} is not a Burly record; a new hash chain starts after it.")]
    private static partial void LogForeignTail(ILogger logger, string path);
}
