using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Burly.Host.Stdio.Stdio;

/// <summary>
/// Stdin wrapper that caps every protocol line before the SDK parses it: a line longer than
/// <c>maxLineBytes</c> or nested deeper than <c>maxDepth</c> is never passed on whole (it is held back in a
/// buffer of at most <c>maxLineBytes</c>, the rest is skipped to the next newline) and is replaced by a small
/// <c>burly/rejected_line</c> request carrying the line's <c>id</c> when it has one, which the server answers with
/// a JSON-RPC error (see <see cref="RejectedLine"/>). Memory stays bounded by the cap whatever the input.
/// </summary>
internal sealed partial class LineLimitingStream(Stream inner, int maxLineBytes, int maxDepth) : ReadOnlyWrappingStream(inner)
{
    private const int IdSearchBytes = 4096;
    private readonly MemoryStream _line = new();
    private readonly Queue<byte[]> _ready = new();
    private byte[]? _current;
    private int _currentOffset;
    private int _depth;
    private bool _inString;
    private bool _escaped;
    private bool _skipping;
    private string? _reason;
    private string _kind = RejectedLine.TooLarge;
    private byte[] _prefix = [];
    private bool _eof;

    /// <summary>Gets how many lines were rejected.</summary>
    public long Rejected { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var chunk = new byte[64 * 1024];
        while (true)
        {
            if (_current is not null)
            {
                var n = Math.Min(buffer.Length, _current.Length - _currentOffset);
                _current.AsSpan(_currentOffset, n).CopyTo(buffer.Span);
                _currentOffset += n;
                if (_currentOffset == _current.Length)
                {
                    _current = null;
                }

                return n;
            }

            if (_ready.TryDequeue(out var next))
            {
                _current = next;
                _currentOffset = 0;
                continue;
            }

            if (_eof)
            {
                return 0;
            }

            var read = await Inner.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _eof = true;
                FinishLine(atEof: true);
                continue;
            }

            Consume(chunk.AsSpan(0, read));
        }
    }

    private void Consume(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b == (byte)'\n')
            {
                FinishLine(atEof: false);
                continue;
            }

            if (_skipping)
            {
                continue;
            }

            if (_inString)
            {
                _escaped = !_escaped && b == (byte)'\\';
                _inString = _escaped || b != (byte)'"';
            }
            else if (b == (byte)'"')
            {
                _inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                if (++_depth > maxDepth)
                {
                    Reject($"it is nested deeper than {maxDepth} levels", RejectedLine.TooDeep);
                    continue;
                }
            }
            else if (b is (byte)'}' or (byte)']')
            {
                _depth--;
            }

            if (_line.Length >= maxLineBytes)
            {
                Reject($"it is longer than {maxLineBytes} bytes", RejectedLine.TooLarge);
                continue;
            }

            _line.WriteByte(b);
        }
    }

    private void Reject(string reason, string kind)
    {
        _reason = reason;
        _kind = kind;
        _skipping = true;
        _prefix = _line.GetBuffer().AsSpan(0, (int)Math.Min(_line.Length, IdSearchBytes)).ToArray();
        _line.SetLength(0);
        _line.Capacity = Math.Min(_line.Capacity, 64 * 1024);
    }

    private void FinishLine(bool atEof)
    {
        if (_skipping)
        {
            Rejected++;
            _ready.Enqueue(Encoding.UTF8.GetBytes(RejectedLine.Create(FindId(_prefix), _reason!, _kind) + "\n"));
        }
        else if (!IsBlankOrJson(_line.GetBuffer().AsSpan(0, (int)_line.Length)))
        {
            // Not JSON at all: the SDK would only log and skip it; a stand-in notification gets it audited (no answer, as before).
            Rejected++;
            _ready.Enqueue(Encoding.UTF8.GetBytes(RejectedLine.Create(null, "it is not valid JSON", RejectedLine.InvalidJson) + "\n"));
        }
        else if (_line.Length > 0 || !atEof)
        {
            _line.WriteByte((byte)'\n');
            _ready.Enqueue(_line.ToArray());
        }

        _line.SetLength(0);
        if (_line.Capacity > 64 * 1024)
        {
            _line.Capacity = 64 * 1024;
        }

        _depth = 0;
        _inString = false;
        _escaped = false;
        _skipping = false;
        _reason = null;
        _prefix = [];
    }

    /// <summary>Whether a line is blank or one syntactically valid JSON value (the checks the SDK's parser makes first).</summary>
    private bool IsBlankOrJson(ReadOnlySpan<byte> line)
    {
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return true;
        }

        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = Math.Max(64, maxDepth + 1) });
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Finds the top-level <c>"id"</c> of a JSON-RPC message in the first bytes of a line (a number or a string).</summary>
    private static string? FindId(byte[] prefix)
    {
        var text = Encoding.UTF8.GetString(prefix);
        foreach (Match m in IdPattern().Matches(text))
        {
            if (DepthAt(text, m.Index) == 1)
            {
                return m.Groups[1].Value;
            }
        }

        return null;
    }

    private static int DepthAt(string text, int index)
    {
        var depth = 0;
        var inString = false;
        var escaped = false;
        for (var i = 0; i < index; i++)
        {
            var c = text[i];
            if (inString)
            {
                escaped = !escaped && c == '\\';
                inString = escaped || c != '"';
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                depth--;
            }
        }

        return inString ? -1 : depth;
    }

    [GeneratedRegex("\"id\"\\s*:\\s*(-?[0-9]{1,18}|\"(?:[^\"\\\\]|\\\\.){0,200}\")", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _line.Dispose();
        }

        base.Dispose(disposing);
    }
}
