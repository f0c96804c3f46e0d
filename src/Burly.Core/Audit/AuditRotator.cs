using System.IO.Compression;
using Burly.Configuration;
using Burly.Policy;
using Microsoft.Extensions.Logging;

namespace Burly.Audit;

/// <summary>
/// Rotates one audit log (<c>audit.jsonl</c> → <c>audit.jsonl.1</c>, older ones shift to <c>.2</c>, <c>.3</c> …,
/// optionally gzip-compressed) and applies retention to the rotated files: by age
/// (<see cref="AuditOptions.RetentionDays"/>, else the policy's <c>compliance.audit_retention_days</c>), by count
/// (<see cref="AuditOptions.MaxFiles"/>) and by total bytes (<see cref="AuditOptions.MaxTotalBytes"/>), oldest first.
/// The caller holds the write lock.
/// </summary>
internal sealed partial class AuditRotator(string path, AuditOptions options, TimeProvider time, IPolicyProvider? policy, ILogger logger)
{
    // Audit files are readable by the owner's group (log shippers, operators in the group), not by everyone: 0640.
    private const UnixFileMode AuditFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    /// <summary>Gets how many times the file was rotated.</summary>
    public int Rotations { get; private set; }

    /// <summary>Returns file-stream options that create audit files 0640.</summary>
    /// <param name="mode">The mode.</param>
    /// <param name="access">The access.</param>
    /// <param name="share">The sharing.</param>
    /// <param name="bufferSize">The buffer size (0 for unbuffered: one <c>write</c> per call).</param>
    /// <returns>The options.</returns>
    public static FileStreamOptions FileOptionsFor(FileMode mode, FileAccess access, FileShare share, int bufferSize = 4096)
    {
        var result = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows())
        {
            result.UnixCreateMode = AuditFileMode;
        }

        return result;
    }

    /// <summary>Whether the active file should be rotated before <paramref name="nextBytes"/> more bytes are appended.</summary>
    /// <param name="length">The active file's length.</param>
    /// <param name="nextBytes">The bytes about to be appended.</param>
    /// <param name="fileStartedAt">When the active file's first record was written.</param>
    /// <returns>Whether to rotate.</returns>
    public bool ShouldRotate(long length, long nextBytes, DateTimeOffset? fileStartedAt)
    {
        if (length == 0)
        {
            return false;
        }

        if (options.MaxFileSizeBytes > 0 && length + nextBytes > options.MaxFileSizeBytes)
        {
            return true;
        }

        return options.MaxFileAgeHours > 0 && fileStartedAt is { } started
            && time.GetUtcNow() - started >= TimeSpan.FromHours(options.MaxFileAgeHours);
    }

    /// <summary>Renames the (closed) active file to <c>.1</c>, shifting older ones, then applies retention.</summary>
    /// <param name="lastSeq">The last seq in the file (for the log).</param>
    public void Rotate(long lastSeq)
    {
        // Shift .N → .N+1, newest first so nothing is overwritten.
        foreach (var file in AuditFiles.ListRotated(path).OrderByDescending(f => f.Index))
        {
            File.Move(file.Path, AuditFiles.RotatedPath(path, file.Index + 1, file.Compressed), overwrite: true);
        }

        var first = AuditFiles.RotatedPath(path, 1, compressed: false);
        File.Move(path, first, overwrite: true);
        if (options.CompressRotated)
        {
            Compress(first);
        }

        Rotations++;
        LogRotated(logger, Path.GetFileName(path), lastSeq);
        ApplyRetention();
    }

    /// <summary>Deletes rotated files past the age, count or total-size limit, oldest first. Never throws for I/O errors.</summary>
    public void ApplyRetention()
    {
        var days = options.RetentionDays > 0 ? options.RetentionDays : RetentionFromPolicy();
        var cutoff = days > 0 ? time.GetUtcNow() - TimeSpan.FromDays(days) : (DateTimeOffset?)null;
        try
        {
            var rotated = AuditFiles.ListRotated(path).OrderBy(f => f.Index).ToList(); // newest first
            var total = File.Exists(path) ? new FileInfo(path).Length : 0;
            for (var i = 0; i < rotated.Count; i++)
            {
                var file = rotated[i];
                var info = new FileInfo(file.Path);
                total += info.Length;
                string? reason = cutoff is { } c && info.LastWriteTimeUtc < c.UtcDateTime ? $"older than {days} days"
                    : options.MaxFiles > 0 && i + 1 > options.MaxFiles ? $"more than {options.MaxFiles} rotated files"
                    : options.MaxTotalBytes > 0 && total > options.MaxTotalBytes ? $"over {options.MaxTotalBytes} bytes in total"
                    : null;
                if (reason is not null)
                {
                    // Everything older goes too: retention never leaves a gap in the middle of the chain.
                    foreach (var old in rotated.Skip(i))
                    {
                        File.Delete(old.Path);
                        LogRetentionDeleted(logger, Path.GetFileName(old.Path), reason);
                    }

                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogRetentionFailed(logger, ex);
        }
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

    private int RetentionFromPolicy()
    {
        try
        {
            return policy?.Current.Settings.AuditRetentionDays ?? 0;
        }
        catch (PolicyValidationException)
        {
            return 0;
        }
    }

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Rotated the audit log {File} after seq {Seq}; the chain continues in the new file.")]
    private static partial void LogRotated(ILogger logger, string file, long seq);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Deleted rotated audit file {File} ({Reason}).")]
    private static partial void LogRetentionDeleted(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Could not apply audit retention.")]
    private static partial void LogRetentionFailed(ILogger logger, Exception exception);
}
