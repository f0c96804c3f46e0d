using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.Metrics;
using Burly.Policy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Burly.Audit;

/// <summary>
/// Appends hash-chained JSON Lines to one file. One <c>write</c> per record, flushed to the OS (and fsynced
/// when configured) before the call returns, so an acknowledged call is in the file even after <c>kill -9</c>.
/// A torn last line left by a crash is cut off when the file is opened, and reported.
/// <para>
/// Rotation happens in-process, under the write lock, by size (<see cref="AuditOptions.MaxFileSizeBytes"/>) and age
/// (<see cref="AuditOptions.MaxFileAgeHours"/>): <c>audit.jsonl</c> → <c>audit.jsonl.1</c> (older ones shift to
/// <c>.2</c>, <c>.3</c> …, optionally gzip-compressed), and rotated files older than the retention
/// (<see cref="AuditOptions.RetentionDays"/>, else the policy's <c>compliance.audit_retention_days</c>) are deleted.
/// The hash chain continues across files: the first record of a new file has the last hash of the previous one,
/// also after a restart. An external <c>logrotate</c> is tolerated: a file truncated under us (copytruncate) is
/// appended at its new end; a file renamed away is re-created.
/// </para>
/// </summary>
internal sealed partial class JsonlAuditLog : IAuditLog, IDisposable
{
    // Audit files are readable by the owner's group (log shippers, operators in the group), not by everyone: 0640.
    private const UnixFileMode AuditFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    private static FileStreamOptions FileOptionsFor(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 4096 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = AuditFileMode;
        }

        return options;
    }

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AuditOptions _options;
    private readonly ILogger<JsonlAuditLog> _logger;
    private readonly BurlyMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly IPolicyProvider? _policy;
    private FileStream? _stream;
    private long _seq;
    private string _prevHash = AuditRecordSerializer.GenesisHash;
    private bool _chainKnown;
    private DateTimeOffset? _fileStartedAt;
    private bool _retentionApplied;
    private long _expectedLength;
    private FileStream? _lockFile;
    private volatile bool _healthy = true;

    public JsonlAuditLog(IOptions<BurlyOptions> options, ILogger<JsonlAuditLog> logger, BurlyMetrics metrics, TimeProvider? time = null, IPolicyProvider? policy = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Audit;
        _logger = logger;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        _policy = policy;
        FilePath = _options.Enabled ? _options.ResolvePath(options.Value) : null;
    }

    public bool IsHealthy => _healthy;

    public string? FilePath { get; }

    /// <summary>Gets how many torn trailing bytes were cut off when the file was opened.</summary>
    public long RepairedTornBytes { get; private set; }

    /// <summary>Gets how many times the file was rotated by this instance.</summary>
    public int Rotations { get; private set; }

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
            // Other processes may append too (`burly tools call` next to a running server): a lock file
            // serialises writers across processes, and the chain state is re-read when the file changed.
            LockAcrossProcesses();
            try
            {
                var stream = SyncWithDisk();
                record.Seq = _seq + 1;
                record.PrevHash = _prevHash;
                var line = AuditRecordSerializer.SerializeLine(record);
                var bytes = Encoding.UTF8.GetBytes(line + "\n");
                if (ShouldRotate(stream, bytes.Length))
                {
                    Rotate();
                    stream = OpenIfNeeded();
                }

                stream.Seek(0, SeekOrigin.End);
                stream.Write(bytes);
                stream.Flush(flushToDisk: _options.Fsync);
                _expectedLength = stream.Length;
                _fileStartedAt ??= record.Timestamp == default ? _time.GetUtcNow() : record.Timestamp;
                _seq = record.Seq;
                _prevHash = record.Hash!;
                _chainKnown = true;
                _healthy = true;
                _metrics.AuditLogSize = _expectedLength;
            }
            finally
            {
                UnlockAcrossProcesses();
            }
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

    /// <summary>Rotates now (for tests and operators); a no-op when the active file is empty.</summary>
    /// <returns>A task.</returns>
    public async Task RotateNowAsync()
    {
        if (FilePath is null)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            LockAcrossProcesses();
            try
            {
                if (SyncWithDisk().Length > 0)
                {
                    Rotate();
                }
            }
            finally
            {
                UnlockAcrossProcesses();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        CloseStream();
        _lockFile?.Dispose();
        _gate.Dispose();
    }

    /// <summary>
    /// Returns the stream of the current file with the chain state in step with it: reopens when the path now names
    /// another file (rotated by another process or renamed by logrotate), re-reads the tail when another process
    /// appended or the file was truncated (logrotate copytruncate).
    /// </summary>
    private FileStream SyncWithDisk()
    {
        var stream = OpenIfNeeded();
        var onDisk = new FileInfo(FilePath!);
        if (!onDisk.Exists || onDisk.Length != stream.Length)
        {
            CloseStream();
            return OpenIfNeeded();
        }

        if (stream.Length != _expectedLength)
        {
            if (stream.Length < _expectedLength)
            {
                LogTruncatedExternally(_logger);
            }

            RecoverTail(stream);
            _expectedLength = stream.Length;
        }

        return stream;
    }

    private void LockAcrossProcesses()
    {
        if (OperatingSystem.IsMacOS())
        {
            return; // byte-range locks are not supported there; one writer per host is then the operator's rule
        }

        if (_lockFile is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath!)!);
        }

        _lockFile ??= new FileStream(FilePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _lockFile.Lock(0, 1);
                return;
            }
            catch (IOException) when (attempt < 2000)
            {
                Thread.Sleep(5);
            }
            catch (PlatformNotSupportedException)
            {
                return;
            }
        }
    }

    private void UnlockAcrossProcesses()
    {
        if (OperatingSystem.IsMacOS())
        {
            return;
        }

        try
        {
            _lockFile?.Unlock(0, 1);
        }
        catch (Exception ex) when (ex is IOException or PlatformNotSupportedException)
        {
        }
    }

    private bool ShouldRotate(FileStream stream, int nextRecordBytes)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return false;
        }

        if (_options.MaxFileSizeBytes > 0 && length + nextRecordBytes > _options.MaxFileSizeBytes)
        {
            return true;
        }

        return _options.MaxFileAgeHours > 0 && _fileStartedAt is { } started
            && _time.GetUtcNow() - started >= TimeSpan.FromHours(_options.MaxFileAgeHours);
    }

    private void Rotate()
    {
        var path = FilePath!;
        CloseStream();

        // Shift .N → .N+1, newest first so nothing is overwritten.
        foreach (var file in AuditFiles.ListRotated(path).OrderByDescending(f => f.Index))
        {
            File.Move(file.Path, AuditFiles.RotatedPath(path, file.Index + 1, file.Compressed), overwrite: true);
        }

        var first = AuditFiles.RotatedPath(path, 1, compressed: false);
        File.Move(path, first, overwrite: true);
        if (_options.CompressRotated)
        {
            Compress(first);
        }

        Rotations++;
        _fileStartedAt = null;
        LogRotated(_logger, Path.GetFileName(path), _seq);
        ApplyRetention(path);
    }

    private static void Compress(string file)
    {
        var gz = file + AuditFiles.GzipSuffix;
        var temp = gz + ".tmp";
        using (var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read))
        using (var output = new FileStream(temp, FileOptionsFor(FileMode.Create, FileAccess.Write, FileShare.None)))
        {
            using var zip = new GZipStream(output, CompressionLevel.Optimal);
            input.CopyTo(zip);
        }

        File.Move(temp, gz, overwrite: true);
        File.Delete(file);
    }

    /// <summary>Deletes rotated files last written before the retention window.</summary>
    private void ApplyRetention(string path)
    {
        var days = _options.RetentionDays > 0 ? _options.RetentionDays : RetentionFromPolicy();
        if (days <= 0)
        {
            return;
        }

        var cutoff = _time.GetUtcNow() - TimeSpan.FromDays(days);
        foreach (var file in AuditFiles.ListRotated(path))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file.Path) < cutoff.UtcDateTime)
                {
                    File.Delete(file.Path);
                    LogRetentionDeleted(_logger, Path.GetFileName(file.Path), days);
                }
            }
            catch (IOException ex)
            {
                LogRetentionFailed(_logger, ex);
            }
        }
    }

    private int RetentionFromPolicy()
    {
        try
        {
            return _policy?.Current.Settings.AuditRetentionDays ?? 0;
        }
        catch (PolicyValidationException)
        {
            return 0;
        }
    }

    private FileStream OpenIfNeeded()
    {
        // The file may have been renamed away (external logrotate without copytruncate): start a new one.
        if (_stream is not null && !File.Exists(FilePath))
        {
            CloseStream();
        }

        if (_stream is not null)
        {
            return _stream;
        }

        var path = FilePath!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileOptionsFor(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete));
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
        _expectedLength = stream.Length;
        _metrics.AuditLogSize = stream.Length;
        if (Rotations == 0 && !_retentionApplied)
        {
            _retentionApplied = true;
            ApplyRetention(path);
        }

        return stream;
    }

    /// <summary>Finds the last complete record (seq, hash) and cuts off a torn last line.</summary>
    private void RecoverTail(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            _fileStartedAt = null;

            // A new file: the chain continues from the newest rotated file (rotated by us, another process or
            // logrotate); without one, from what this process wrote last, else a new chain.
            if (LastRecordOfRotated() is { } last)
            {
                (_seq, _prevHash) = last;
            }
            else if (!_chainKnown)
            {
                (_seq, _prevHash) = (0, AuditRecordSerializer.GenesisHash);
            }

            _chainKnown = true;
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
        _fileStartedAt = ReadFirstTimestamp(stream) ?? new DateTimeOffset(File.GetCreationTimeUtc(FilePath!), TimeSpan.Zero);
        if (end == 0)
        {
            return;
        }

        var start = Array.LastIndexOf(buffer, (byte)'\n', end - 2) + 1;
        var lastLine = Encoding.UTF8.GetString(buffer, start, end - 1 - start);
        if (TryReadChainState(lastLine) is { } state)
        {
            (_seq, _prevHash) = state;
            _chainKnown = true;
            return;
        }

        // The last line is not one of ours (e.g. a foreign file): start a new chain after it, and say so.
        LogForeignTail(_logger, FilePath!);
        _seq = 0;
        _prevHash = AuditRecordSerializer.GenesisHash;
        _chainKnown = true;
    }

    private (long Seq, string Hash)? LastRecordOfRotated()
    {
        var newest = AuditFiles.ListRotated(FilePath!).Where(f => f.Index == 1).FirstOrDefault();
        if (newest is null)
        {
            return null;
        }

        try
        {
            string? last = null;
            foreach (var line in AuditReader.ReadLines(newest))
            {
                if (line.Length > 0)
                {
                    last = line;
                }
            }

            return last is null ? null : TryReadChainState(last);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            LogForeignTail(_logger, newest.Path);
            return null;
        }
    }

    private static (long Seq, string Hash)? TryReadChainState(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is JsonObject obj && obj["seq"] is JsonValue seq && obj["hash"] is JsonValue hash)
            {
                return (seq.GetValue<long>(), hash.GetValue<string>());
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
        }

        return null;
    }

    private static DateTimeOffset? ReadFirstTimestamp(FileStream stream)
    {
        var position = stream.Position;
        try
        {
            stream.Seek(0, SeekOrigin.Begin);
            var buffer = new byte[Math.Min(stream.Length, 64 * 1024)];
            var read = stream.Read(buffer);
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
            if (newline <= 0)
            {
                return null;
            }

            using var doc = JsonDocument.Parse(buffer.AsMemory(0, newline));
            return doc.RootElement.TryGetProperty("timestamp", out var ts) && ts.TryGetDateTimeOffset(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            stream.Seek(position, SeekOrigin.Begin);
        }
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

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Rotated the audit log {File} after seq {Seq}; the chain continues in the new file.")]
    private static partial void LogRotated(ILogger logger, string file, long seq);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Deleted rotated audit file {File} (older than {Days} days).")]
    private static partial void LogRetentionDeleted(ILogger logger, string file, int days);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Could not apply audit retention.")]
    private static partial void LogRetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "The audit file was truncated by another process (logrotate copytruncate?); appending at its new end.")]
    private static partial void LogTruncatedExternally(ILogger logger);
}
