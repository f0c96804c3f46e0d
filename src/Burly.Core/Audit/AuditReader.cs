using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.Audit;

/// <summary>
/// Reads an audit log across its rotated files (<c>audit.jsonl.N</c>, <c>.gz</c> too) in chain order, oldest first.
/// Never writes: a torn last line (a crash mid-write) is skipped and reported through <see cref="TornLastLine"/>.
/// </summary>
public sealed class AuditReader
{
    private readonly string _activePath;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="activePath">The active audit file (<c>AUDIT_LOG_PATH</c>).</param>
    public AuditReader(string activePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(activePath);
        _activePath = Path.GetFullPath(activePath);
    }

    /// <summary>Gets the files read, oldest first.</summary>
    public IReadOnlyList<AuditFiles.AuditFile> Files => AuditFiles.ListInChainOrder(_activePath);

    /// <summary>Gets the torn last line found by the last enumeration, if any.</summary>
    public AuditLine? TornLastLine { get; private set; }

    /// <summary>Reads every line of the log in order (torn last line included, flagged by <see cref="AuditLine.HasNewline"/>).</summary>
    /// <returns>The lines.</returns>
    public IEnumerable<AuditLine> ReadLines()
    {
        var files = Files;
        for (var f = 0; f < files.Count; f++)
        {
            var file = files[f];
            var isLastFile = f == files.Count - 1;
            var name = Path.GetFileName(file.Path);
            long number = 0;
            AuditLine? pending = null;
            foreach (var (text, hasNewline) in ReadRawLines(file))
            {
                if (pending is not null)
                {
                    yield return pending;
                }

                number++;
                pending = new AuditLine(name, number, text, false, hasNewline);
            }

            if (pending is not null)
            {
                yield return pending with { IsLastOfLog = isLastFile };
            }
        }
    }

    /// <summary>Reads and parses every record, skipping a torn last line (reported in <see cref="TornLastLine"/>) and blank lines.</summary>
    /// <returns>The records with their location.</returns>
    /// <exception cref="InvalidDataException">A line other than the last is not valid JSON (use <c>verify</c> to locate tampering).</exception>
    public IEnumerable<(AuditLine Line, JsonObject Record)> ReadRecords()
    {
        TornLastLine = null;
        foreach (var line in ReadLines())
        {
            if (line.Text.Length == 0)
            {
                continue;
            }

            var record = TryParse(line.Text);
            if (record is null)
            {
                if (line.IsLastOfLog)
                {
                    TornLastLine = line;
                    yield break;
                }

                throw new InvalidDataException($"{line.File}:{line.LineNumber}: not a valid audit record (run `burly audit verify`).");
            }

            yield return (line, record);
        }
    }

    /// <summary>Parses a line as a JSON object, or returns <see langword="null"/>.</summary>
    /// <param name="text">The line.</param>
    /// <returns>The object.</returns>
    public static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads the lines of one file (gzip-aware).</summary>
    /// <param name="file">The file.</param>
    /// <returns>The lines.</returns>
    internal static IEnumerable<string> ReadLines(AuditFiles.AuditFile file) => ReadRawLines(file).Select(l => l.Text);

    private static IEnumerable<(string Text, bool HasNewline)> ReadRawLines(AuditFiles.AuditFile file)
    {
        using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var input = file.Compressed ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(input, new UTF8Encoding(false, false));
        var builder = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == '\n')
                {
                    builder.Append(buffer, start, i - start);
                    yield return (builder.ToString(), true);
                    builder.Clear();
                    start = i + 1;
                }
            }

            builder.Append(buffer, start, read - start);
        }

        if (builder.Length > 0)
        {
            yield return (builder.ToString(), false);
        }
    }
}
