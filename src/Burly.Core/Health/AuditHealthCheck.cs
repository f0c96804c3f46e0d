using Burly.Audit;
using Burly.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Burly.Health;

/// <summary>
/// The audit log can be written: the last write succeeded, and the file (or its directory, or the nearest
/// directory it would be created in) accepts writes. Reports sizes and free space, never the path.
/// The probe never writes to the log itself, except after a failed write: then it retries once per check (the
/// audit_recovered record), so health turns healthy as soon as the log can be written again.
/// </summary>
internal sealed class AuditHealthCheck(IAuditLog audit, IOptions<BurlyOptions> options) : IHealthCheck
{
    /// <summary>Free space under which the check reports degraded.</summary>
    internal const long LowFreeSpaceBytes = 64L * 1024 * 1024;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (o.Audit.Enabled && !audit.IsHealthy && ProbeWritable(o.Audit.ResolvePath(o)).Writable)
        {
            // The last write failed but the file accepts writes again: retry now (a real write of the audit_recovered
            // record), so health turns healthy when the log recovers, not only after the next call.
            await audit.EnsureWritableAsync(cancellationToken).ConfigureAwait(false);
        }

        return Check(context);
    }

    private HealthCheckResult Check(HealthCheckContext context)
    {
        var o = options.Value;
        if (!o.Audit.Enabled)
        {
            return HealthCheckResult.Healthy("auditing is disabled (AUDIT_ENABLED=false)",
                new Dictionary<string, object> { ["enabled"] = false });
        }

        var path = o.Audit.ResolvePath(o);
        var data = new Dictionary<string, object>
        {
            ["enabled"] = true,
            ["file"] = Path.GetFileName(path),
            ["last_write_ok"] = audit.IsHealthy,
            ["max_file_size_bytes"] = o.Audit.MaxFileSizeBytes,
        };

        var (writable, reason) = ProbeWritable(path);
        data["writable"] = writable;
        if (File.Exists(path))
        {
            data["size_bytes"] = new FileInfo(path).Length;
        }

        data["rotated_files"] = AuditFiles.ListRotated(path).Count;
        var free = FreeBytes(path);
        if (free is { } f)
        {
            data["free_bytes"] = f;
        }

        if (!writable)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"the audit log cannot be written ({reason}); mutating calls are refused", data: data);
        }

        if (!audit.IsHealthy)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                "the last audit write failed; mutating calls are refused until a write succeeds", data: data);
        }

        if (free is < LowFreeSpaceBytes)
        {
            return HealthCheckResult.Degraded("little free space left for the audit log", data: data);
        }

        return HealthCheckResult.Healthy("audit log writable", data);
    }

    /// <summary>Checks that the file (or the directory it would be created in) accepts writes, without writing to the log.</summary>
    internal static (bool Writable, string? Reason) ProbeWritable(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                // Opening for append changes neither content nor modification time.
                using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                return (true, null);
            }

            if (Directory.Exists(path))
            {
                return (false, "the audit path is a directory");
            }

            var directory = Path.GetDirectoryName(path);
            while (directory is not null && !Directory.Exists(directory))
            {
                if (File.Exists(directory))
                {
                    return (false, "a parent of the audit directory is a file");
                }

                directory = Path.GetDirectoryName(directory);
            }

            if (directory is null)
            {
                return (false, "no parent directory exists");
            }

            var probe = Path.Combine(directory, $".burly-health-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return (true, null);
        }
        catch (UnauthorizedAccessException)
        {
            return (false, "permission denied");
        }
        catch (IOException ex)
        {
            return (false, ex is DirectoryNotFoundException ? "the directory does not exist" : "I/O error (read-only file system or disk full?)");
        }
    }

    private static long? FreeBytes(string path)
    {
        try
        {
            var directory = Path.GetDirectoryName(path);
            while (directory is not null && !Directory.Exists(directory))
            {
                directory = Path.GetDirectoryName(directory);
            }

            return directory is null ? null : new DriveInfo(directory).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
