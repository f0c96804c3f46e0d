using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Stdio.Stdio;

/// <summary>
/// Stdin wrapper for the MCP stream transport. On EOF it holds the end back until every line read has reached
/// the server and every request has been answered (bounded), so <c>echo '…' | burly</c> prints its response.
/// The SDK otherwise completes the transport at EOF and drops responses still being computed.
/// </summary>
internal sealed class DrainingStdinStream(Stream inner, TimeSpan maxWait, TimeProvider time) : ReadOnlyWrappingStream(inner)
{
    private long _lines;
    private long _seen;
    private bool _lineHasContent;
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private long _queued;
    private long _written;
    private volatile bool _tracksWrites;

    /// <summary>Called by an incoming message filter for every message the server parsed.</summary>
    public void OnIncoming(JsonRpcMessage message)
    {
        Interlocked.Increment(ref _seen);
        if (message is JsonRpcRequest request)
        {
            _pending.TryAdd(request.Id.ToString(), 0);
        }
        else if (message is JsonRpcNotification { Method: NotificationMethods.CancelledNotification, Params: { } parameters }
            && parameters["requestId"] is { } id)
        {
            // A cancelled request gets no response: it is no longer pending.
            _pending.TryRemove(id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : id.ToJsonString(), out _);
        }
    }

    /// <summary>Called by an outgoing message filter for every message the server sends.</summary>
    public void OnOutgoing(JsonRpcMessage message)
    {
        Interlocked.Increment(ref _queued);
        if (message is JsonRpcResponse response)
        {
            _pending.TryRemove(response.Id.ToString(), out _);
        }
        else if (message is JsonRpcError error)
        {
            _pending.TryRemove(error.Id.ToString(), out _);
        }
    }

    /// <summary>Wraps the protocol output so the drain waits until every queued message has really been written (one line each).</summary>
    /// <param name="output">The protocol output (stdout).</param>
    /// <returns>The wrapped output.</returns>
    public Stream TrackWrites(Stream output)
    {
        _tracksWrites = true;
        return new LineCountingStream(output, this);
    }

    private void OnLinesWritten(int lines) => Interlocked.Add(ref _written, lines);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read > 0)
        {
            // Count non-blank lines: the transport skips blank ones, so they never reach the filters.
            var span = buffer.Span[..read];
            var lines = 0;
            foreach (var b in span)
            {
                if (b == (byte)'\n')
                {
                    if (_lineHasContent)
                    {
                        lines++;
                    }

                    _lineHasContent = false;
                }
                else if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t'))
                {
                    _lineHasContent = true;
                }
            }

            Interlocked.Add(ref _lines, lines);
            return read;
        }

        if (_lineHasContent)
        {
            Interlocked.Increment(ref _lines);
            _lineHasContent = false;
        }

        // A line the server could not parse never reaches the filters: wait for unseen lines only briefly,
        // for unanswered requests up to the shutdown grace period.
        var start = time.GetUtcNow();
        var deadline = start + maxWait;
        // A loaded machine can take seconds to start up and parse the first line: wait up to 8 s for it (a line that is
        // never parsed then costs at most that), never longer than the grace period.
        var unseenDeadline = start + (maxWait < TimeSpan.FromSeconds(8) ? maxWait : TimeSpan.FromSeconds(8));
        while (time.GetUtcNow() < deadline
            && ((Interlocked.Read(ref _seen) < Interlocked.Read(ref _lines) && time.GetUtcNow() < unseenDeadline) || !_pending.IsEmpty))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), time, cancellationToken).ConfigureAwait(false);
        }

        // Let the transport write (and flush) every queued message before it is completed: under load the write
        // can lag well behind the outgoing filter, and a completed transport drops it (an empty one-liner answer).
        while (_tracksWrites && time.GetUtcNow() < deadline && Interlocked.Read(ref _written) < Interlocked.Read(ref _queued))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), time, cancellationToken).ConfigureAwait(false);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Passes writes through (stdout is unbuffered) and counts the completed lines (messages) written.</summary>
    private sealed class LineCountingStream(Stream inner, DrainingStdinStream owner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            owner.OnLinesWritten(buffer.Count((byte)'\n'));
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            owner.OnLinesWritten(buffer.Span.Count((byte)'\n'));
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
