using System.Globalization;

namespace Burly.Audit;

/// <summary>
/// The files of one audit log: the active file (<c>audit.jsonl</c>) and its rotated predecessors
/// <c>audit.jsonl.1</c> (newest) … <c>audit.jsonl.N</c> (oldest), each optionally gzip-compressed
/// (<c>.gz</c>). The naming is logrotate's, so files rotated by either are read the same way.
/// </summary>
public static class AuditFiles
{
    /// <summary>The suffix of compressed rotated files.</summary>
    public const string GzipSuffix = ".gz";

    /// <summary>One audit file.</summary>
    /// <param name="Path">The file path.</param>
    /// <param name="Index">0 for the active file, N for <c>.N</c>.</param>
    /// <param name="Compressed">Whether the file is gzip-compressed.</param>
    public sealed record AuditFile(string Path, int Index, bool Compressed);

    /// <summary>Lists the files of a log, oldest first (the chain order), ending with the active file if it exists.</summary>
    /// <param name="activePath">The active file path.</param>
    /// <returns>The files.</returns>
    public static IReadOnlyList<AuditFile> ListInChainOrder(string activePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(activePath);
        var rotated = ListRotated(activePath);
        var list = rotated.OrderByDescending(f => f.Index).ToList();
        if (File.Exists(activePath))
        {
            list.Add(new AuditFile(activePath, 0, false));
        }

        return list;
    }

    /// <summary>Lists the rotated files of a log (any order).</summary>
    /// <param name="activePath">The active file path.</param>
    /// <returns>The rotated files.</returns>
    public static IReadOnlyList<AuditFile> ListRotated(string activePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(activePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(activePath))!;
        var name = Path.GetFileName(activePath);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var result = new List<AuditFile>();
        foreach (var file in Directory.EnumerateFiles(directory, name + ".*"))
        {
            var fileName = Path.GetFileName(file);
            if (fileName.Length <= name.Length + 1 || !fileName.StartsWith(name + ".", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = fileName[(name.Length + 1)..];
            var compressed = rest.EndsWith(GzipSuffix, StringComparison.Ordinal);
            if (compressed)
            {
                rest = rest[..^GzipSuffix.Length];
            }

            if (int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0)
            {
                result.Add(new AuditFile(file, index, compressed));
            }
        }

        return result;
    }

    /// <summary>Returns the path of rotated file number <paramref name="index"/>.</summary>
    /// <param name="activePath">The active file path.</param>
    /// <param name="index">The index (1 = newest).</param>
    /// <param name="compressed">Whether it is compressed.</param>
    /// <returns>The path.</returns>
    public static string RotatedPath(string activePath, int index, bool compressed) =>
        string.Create(CultureInfo.InvariantCulture, $"{activePath}.{index}{(compressed ? GzipSuffix : string.Empty)}");
}
