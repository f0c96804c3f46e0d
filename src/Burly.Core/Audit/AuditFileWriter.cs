using System.Buffers;
using System.Text;
using Burly.Configuration;
using Burly.Policy;
using Microsoft.Extensions.Logging;

namespace Burly.Audit;

/// <summary>
/// Owns the active audit file and the chain state (last seq and hash) in step with it. Writes a batch of records
/// under one cross-process lock acquisition with one <c>write</c> and one flush (one fsync when configured).
/// Any failure closes the file: the next write reopens it and re-reads the chain state from disk, so a full disk
/// or a lost file recovers without a restart. Not thread-safe: the caller serialises access.
/// </summary>
internal sealed partial class AuditFileWriter : IDisposable
{
    private readonly string _path;
    private readonly AuditOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly AuditFileLock _lock;
    private readonly AuditRotator _rotator;
    private FileStream? _stream;
    private long _seq;
    private string _prevHash = AuditRecordSerializer.GenesisHash;
    private bool _chainKnown;
    private DateTimeOffset? _fileStartedAt;
    private bool _retentionApplied;
    private long _expectedLength;

    // Reused across batches (access is serialised): the batch being written, one line, and the line serialiser.
    private readonly AuditLineWriter _lineWriter = new();
    private ArrayBufferWriter<byte> _pending = new(BufferCapacity);
    private ArrayBufferWriter<byte> _line = new(1024);
    private const int BufferCapacity = 16 * 1024;
    private const int RetainedCapacity = 256 * 1024;

    public AuditFileWriter(string path, AuditOptions options, TimeProvider time, IPolicyProvider? policy, ILogger logger)
    {
        _path = path;
        _options = options;
        _time = time;
        _logger = logger;
        _lock = new AuditFileLock(path);
        _rotator = new AuditRotator(path, options, time, policy, logger);
    }

    /// <summary>Gets how many torn trailing bytes were cut off when the file was opened.</summary>
    public long RepairedTornBytes { get; private set; }

    /// <summary>Gets how many times the file was rotated by this writer.</summary>
    public int Rotations => _rotator.Rotations;

    /// <summary>Gets the length of the active file after the last write.</summary>
    public long Length => _expectedLength;

    /// <summary>
    /// Writes the records in order, assigning seq and hashes. Returns only when every byte is flushed (fsynced when
    /// configured). On any failure the file is closed and the exception propagates; some leading records may be in the
    /// file (the chain is re-read from disk on the next write, a torn last line is cut off).
    /// </summary>
    /// <param name="records">The records.</param>
    public void WriteBatch(IReadOnlyList<AuditRecord> records)
    {
        try
        {
            _lock.Enter();
            try
            {
                var stream = SyncWithDisk();
                if (_rotator.ShouldRotate(stream.Length, 1, _fileStartedAt))
                {
                    stream = RotateAndReopen();
                }

                var pending = _pending;
                pending.ResetWrittenCount();
                var seq = _seq;
                var prevHash = _prevHash;
                DateTimeOffset? firstTimestamp = null;
                foreach (var record in records)
                {
                    record.Seq = seq + 1;
                    record.PrevHash = prevHash;
                    _line.ResetWrittenCount();
                    _lineWriter.Append(record, _line);
                    var bytes = _line.WrittenSpan;
                    if (_options.MaxFileSizeBytes > 0 && stream.Length + pending.WrittenCount > 0
                        && stream.Length + pending.WrittenCount + bytes.Length > _options.MaxFileSizeBytes)
                    {
                        Commit(stream, pending, seq, prevHash, firstTimestamp);
                        stream = RotateAndReopen();
                        firstTimestamp = null;
                    }

                    pending.Write(bytes);
                    firstTimestamp ??= record.Timestamp == default ? _time.GetUtcNow() : record.Timestamp;
                    seq = record.Seq;
                    prevHash = record.Hash!;
                }

                Commit(stream, pending, seq, prevHash, firstTimestamp);
            }
            finally
            {
                _lock.Exit();
                TrimBuffers();
            }
        }
        catch
        {
            CloseStream();
            throw;
        }
    }

    /// <summary>Drops a buffer grown by an unusually large batch or record, so it is not kept for the process lifetime.</summary>
    private void TrimBuffers()
    {
        if (_pending.Capacity > RetainedCapacity)
        {
            _pending = new ArrayBufferWriter<byte>(BufferCapacity);
        }

        if (_line.Capacity > RetainedCapacity)
        {
            _line = new ArrayBufferWriter<byte>(1024);
        }
    }

    /// <summary>Opens the file if needed (creating it and its directory), so a caller can learn whether it is writable.</summary>
    public void EnsureOpen()
    {
        try
        {
            OpenIfNeeded();
        }
        catch
        {
            CloseStream();
            throw;
        }
    }

    /// <summary>Rotates now; a no-op when the active file is empty.</summary>
    public void RotateNow()
    {
        try
        {
            _lock.Enter();
            try
            {
                if (SyncWithDisk().Length > 0)
                {
                    RotateAndReopen();
                }
            }
            finally
            {
                _lock.Exit();
            }
        }
        catch
        {
            CloseStream();
            throw;
        }
    }

    public void Dispose()
    {
        CloseStream();
        _lock.Dispose();
    }

    private void Commit(FileStream stream, ArrayBufferWriter<byte> pending, long seq, string prevHash, DateTimeOffset? firstTimestamp)
    {
        if (pending.WrittenCount == 0)
        {
            return;
        }

        stream.Seek(0, SeekOrigin.End);
        stream.Write(pending.WrittenSpan);
        stream.Flush(flushToDisk: _options.Fsync);
        pending.ResetWrittenCount();
        _expectedLength = stream.Length;
        _fileStartedAt ??= firstTimestamp;
        _seq = seq;
        _prevHash = prevHash;
        _chainKnown = true;
    }

    private FileStream RotateAndReopen()
    {
        CloseStream();
        _rotator.Rotate(_seq);
        _fileStartedAt = null;
        return OpenIfNeeded();
    }

    /// <summary>
    /// Returns the stream of the current file with the chain state in step with it: reopens when the path now names
    /// another file (rotated by another process or renamed by logrotate), re-reads the tail when another process
    /// appended or the file was truncated (logrotate copytruncate).
    /// </summary>
    private FileStream SyncWithDisk()
    {
        var stream = OpenIfNeeded();
        var onDisk = new FileInfo(_path);
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

    private FileStream OpenIfNeeded()
    {
        // The file may have been renamed away (external logrotate without copytruncate): start a new one.
        if (_stream is not null && !File.Exists(_path))
        {
            CloseStream();
        }

        if (_stream is not null)
        {
            return _stream;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);

        // Unbuffered: each batch is one write(2), and a failed write leaves nothing buffered to fail again on close.
        var stream = new FileStream(_path, AuditRotator.FileOptionsFor(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0));
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
        if (_rotator.Rotations == 0 && !_retentionApplied)
        {
            _retentionApplied = true;
            _rotator.ApplyRetention();
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
            LogTornLineRepaired(_logger, RepairedTornBytes, _path);
            end = lastNewline < 0 ? 0 : lastNewline + 1;
        }

        stream.Seek(0, SeekOrigin.End);
        _fileStartedAt = AuditTail.ReadFirstTimestamp(stream) ?? new DateTimeOffset(File.GetCreationTimeUtc(_path), TimeSpan.Zero);
        if (end == 0)
        {
            return;
        }

        var start = Array.LastIndexOf(buffer, (byte)'\n', end - 2) + 1;
        var lastLine = Encoding.UTF8.GetString(buffer, start, end - 1 - start);
        if (AuditTail.TryReadChainState(lastLine) is { } state)
        {
            (_seq, _prevHash) = state;
            _chainKnown = true;
            return;
        }

        // The last line is not one of ours (e.g. a foreign file): start a new chain after it, and say so.
        LogForeignTail(_logger, _path);
        _seq = 0;
        _prevHash = AuditRecordSerializer.GenesisHash;
        _chainKnown = true;
    }

    private (long Seq, string Hash)? LastRecordOfRotated()
    {
        var newest = AuditFiles.ListRotated(_path).FirstOrDefault(f => f.Index == 1);
        if (newest is null)
        {
            return null;
        }

        try
        {
            return AuditTail.LastRecordOf(newest);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            LogForeignTail(_logger, newest.Path);
            return null;
        }
    }

    /// <summary>Forgets the open file. Never throws: a failed write must surface as itself, not as a failed close.</summary>
    private void CloseStream()
    {
        var stream = _stream;
        _stream = null;
        _expectedLength = -1;
        try
        {
            stream?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
        }
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Cut {Bytes} bytes of a torn last line off the audit log {Path} (left by a crash).")]
    private static partial void LogTornLineRepaired(ILogger logger, long bytes, string path);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "The last line of the audit log {Path} is not a Burly record; a new hash chain starts after it.")]
    private static partial void LogForeignTail(ILogger logger, string path);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "The audit file was truncated by another process (logrotate copytruncate?); appending at its new end.")]
    private static partial void LogTruncatedExternally(ILogger logger);
}
