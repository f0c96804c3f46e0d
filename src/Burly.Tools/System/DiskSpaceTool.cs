using System.Globalization;
using System.Text.Json.Nodes;
using Burly.ToolPacks;

namespace Burly.Tools.System;

/// <summary>
/// <c>disk_space</c>: every real filesystem (pseudo ones skipped) with size/used/free/percent, flagging those
/// above a threshold; mounts that cannot be read are listed under <c>errors</c> and the rest is still returned.
/// </summary>
internal sealed class DiskSpaceTool(MountTable mounts)
{
    public ValueTask<ToolResult> RunAsync(ToolContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var threshold = context.GetInt32("threshold_percent", 80);
        var path = context.GetString("path");
        IReadOnlyList<Mount> all;
        try
        {
            all = mounts.ReadMounts();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ToolException(BurlyErrorCodes.DependencyUnavailable,
                "The mount table (/proc/self/mountinfo) cannot be read. Run Burly where /proc is mounted.", null, ex);
        }

        var candidates = all.Where(m => !MountTable.PseudoTypes.Contains(m.Type)).ToList();
        if (path is not null)
        {
            var mount = FindMount(all, path)
                ?? throw new ToolException(BurlyErrorCodes.InvalidArguments, $"The path '{path}' is not absolute. Pass an absolute path such as /var/log.");
            candidates = [mount];
        }

        var filesystems = new JsonArray();
        var errors = new JsonArray();
        var high = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mount in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seen.Add(mount.MountPoint))
            {
                continue;
            }

            SpaceInfo space;
            try
            {
                space = mounts.GetSpace(mount.MountPoint);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                errors.Add(new JsonObject { ["mounted_on"] = mount.MountPoint, ["error"] = ex is UnauthorizedAccessException ? "permission denied" : "not accessible" });
                continue;
            }

            if (space.TotalBytes <= 0)
            {
                continue; // Size-less filesystems (e.g. some FUSE mounts) say nothing about disk space.
            }

            var used = space.TotalBytes - space.FreeBytes;
            var denominator = used + space.AvailableBytes;
            var percent = denominator <= 0 ? 0 : (int)Math.Ceiling(used * 100.0 / denominator);
            filesystems.Add(new JsonObject
            {
                ["filesystem"] = mount.Source,
                ["type"] = mount.Type,
                ["mounted_on"] = mount.MountPoint,
                ["size_bytes"] = space.TotalBytes,
                ["used_bytes"] = used,
                ["available_bytes"] = space.AvailableBytes,
                ["use_percent"] = percent,
                ["size"] = Human(space.TotalBytes),
                ["used"] = Human(used),
                ["available"] = Human(space.AvailableBytes),
                ["above_threshold"] = percent > threshold,
            });
            if (percent > threshold)
            {
                high.Add(mount.MountPoint);
            }
        }

        var summary = high.Count == 0
            ? $"Found {filesystems.Count} filesystems, all at or below {threshold}% usage"
            : $"Found {filesystems.Count} filesystems, {high.Count} above {threshold}% usage: {string.Join(", ", high.Select(h => h!.GetValue<string>()))}";
        if (errors.Count > 0)
        {
            summary += $" ({errors.Count} could not be read)";
        }

        return ValueTask.FromResult(ToolResult.Ok(summary, new JsonObject
        {
            ["filesystems"] = filesystems,
            ["count"] = filesystems.Count,
            ["threshold_percent"] = threshold,
            ["high_usage"] = high,
            ["errors"] = errors,
            ["partial"] = errors.Count > 0,
        }));
    }

    /// <summary>
    /// The mount holding a path: the longest mount point that is a prefix of the lexically normalised path. The
    /// filesystem is never probed (no existence check, no link resolution), so the answer is the same whether the
    /// path exists or not — disk_space is no oracle for arbitrary host paths.
    /// </summary>
    private static Mount? FindMount(IReadOnlyList<Mount> all, string path)
    {
        if (!Path.IsPathRooted(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }

        return all
            .Where(m => full == m.MountPoint || full.StartsWith(m.MountPoint.TrimEnd('/') + "/", StringComparison.Ordinal) || m.MountPoint == "/")
            .OrderByDescending(m => m.MountPoint.Length)
            .FirstOrDefault();
    }

    internal static string Human(long bytes)
    {
        string[] units = ["B", "K", "M", "G", "T", "P"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes}B" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + units[unit];
    }
}
