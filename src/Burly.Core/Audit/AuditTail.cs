using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.Audit;

/// <summary>Reads the chain state (last seq and hash) and first timestamp of audit files.</summary>
internal static class AuditTail
{
    /// <summary>Reads seq and hash from one line, or <see langword="null"/> when the line is not a Burly record.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The chain state.</returns>
    public static (long Seq, string Hash)? TryReadChainState(string line)
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

    /// <summary>Reads the chain state of the last record of a (possibly compressed) file.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The chain state, or <see langword="null"/> when the file has no Burly record at its end.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static (long Seq, string Hash)? LastRecordOf(AuditFiles.AuditFile file)
    {
        string? last = null;
        foreach (var line in AuditReader.ReadLines(file))
        {
            if (line.Length > 0)
            {
                last = line;
            }
        }

        return last is null ? null : TryReadChainState(last);
    }

    /// <summary>Reads the timestamp of the first record of an open file, keeping the stream position.</summary>
    /// <param name="stream">The file.</param>
    /// <returns>The timestamp, or <see langword="null"/>.</returns>
    public static DateTimeOffset? ReadFirstTimestamp(FileStream stream)
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
}
