using System.Text;

namespace Burly.Tools.Docker;

/// <summary>
/// Keeps the last <see cref="Budget"/> bytes of a log stream while it is read, dropping the oldest whole lines,
/// so reading never buffers more than about twice the budget however much the engine sends.
/// </summary>
internal sealed class LogTailBuffer
{
    private byte[] _buffer;
    private int _length;
    private int _lines;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="budget">The most bytes kept (at least 64).</param>
    public LogTailBuffer(int budget)
    {
        Budget = Math.Max(64, budget);
        _buffer = new byte[Math.Min(Budget * 2, 64 * 1024)];
    }

    /// <summary>Gets the most bytes kept.</summary>
    public int Budget { get; }

    /// <summary>Gets how many bytes were received in total.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Gets how many complete lines were dropped from the head.</summary>
    public long DroppedLines { get; private set; }

    /// <summary>Gets how many bytes were dropped from the head.</summary>
    public long DroppedBytes { get; private set; }

    /// <summary>Gets a value indicating whether anything was dropped.</summary>
    public bool Truncated => DroppedBytes > 0;

    /// <summary>Gets how many lines were received (a last line without a newline counts).</summary>
    public long LineCount => _lines + DroppedLines + (_length > 0 && _buffer[_length - 1] != (byte)'\n' ? 1 : 0);

    /// <summary>Appends bytes.</summary>
    /// <param name="data">The bytes.</param>
    public void Append(ReadOnlySpan<byte> data)
    {
        TotalBytes += data.Length;
        while (data.Length > 0)
        {
            if (_length == _buffer.Length)
            {
                if (_buffer.Length < Budget * 2)
                {
                    Array.Resize(ref _buffer, Math.Min(Budget * 2, _buffer.Length * 2));
                }
                else
                {
                    Compact(Budget);
                }
            }

            var n = Math.Min(data.Length, _buffer.Length - _length);
            var chunk = data[..n];
            _lines += chunk.Count((byte)'\n');
            chunk.CopyTo(_buffer.AsSpan(_length));
            _length += n;
            data = data[n..];
        }
    }

    /// <summary>Returns the kept text: at most <see cref="Budget"/> bytes, starting at a line (or character) boundary.</summary>
    /// <returns>The text.</returns>
    public string GetText()
    {
        if (_length > Budget)
        {
            Compact(Budget);
        }

        return Encoding.UTF8.GetString(_buffer, 0, _length);
    }

    /// <summary>Drops the oldest bytes so at most <paramref name="keep"/> remain, cutting after a newline when one is near.</summary>
    private void Compact(int keep)
    {
        var drop = _length - keep;
        if (drop <= 0)
        {
            return;
        }

        // Prefer to start at the next line; otherwise at the next UTF-8 character start.
        var newline = Array.IndexOf(_buffer, (byte)'\n', drop, _length - drop);
        var start = newline >= 0 && newline + 1 < _length ? newline + 1 : drop;
        while (start < _length && (_buffer[start] & 0xC0) == 0x80)
        {
            start++;
        }

        var droppedLines = _buffer.AsSpan(0, start).Count((byte)'\n');
        _lines -= droppedLines;
        DroppedLines += droppedLines;
        DroppedBytes += start;
        Buffer.BlockCopy(_buffer, start, _buffer, 0, _length - start);
        _length -= start;
    }
}
