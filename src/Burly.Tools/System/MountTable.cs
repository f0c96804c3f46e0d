using System.Globalization;
using System.Text;

namespace Burly.Tools.System;

/// <summary>One mounted filesystem.</summary>
/// <param name="Source">The device or source (e.g. <c>/dev/vda1</c>).</param>
/// <param name="Type">The filesystem type.</param>
/// <param name="MountPoint">Where it is mounted.</param>
internal sealed record Mount(string Source, string Type, string MountPoint);

/// <summary>Space figures of a filesystem.</summary>
/// <param name="TotalBytes">Size.</param>
/// <param name="FreeBytes">Free space (including reserved).</param>
/// <param name="AvailableBytes">Space available to unprivileged users.</param>
internal sealed record SpaceInfo(long TotalBytes, long FreeBytes, long AvailableBytes);

/// <summary>Reads <c>/proc/self/mountinfo</c> and asks the OS for space figures (statvfs via <see cref="DriveInfo"/>).</summary>
internal class MountTable(string mountInfoPath = "/proc/self/mountinfo")
{
    /// <summary>Filesystem types that hold no user data (df's pseudo filesystems).</summary>
    internal static readonly HashSet<string> PseudoTypes = new(StringComparer.Ordinal)
    {
        "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "securityfs", "cgroup", "cgroup2", "pstore", "bpf", "debugfs", "tracefs",
        "configfs", "fusectl", "mqueue", "hugetlbfs", "autofs", "binfmt_misc", "nsfs", "rpc_pipefs", "ramfs", "efivarfs", "selinuxfs",
        "squashfs", "overlayfs-meta", "fuse.lxcfs", "fuse.gvfsd-fuse", "nfsd", "rootfs",
    };

    public virtual IReadOnlyList<Mount> ReadMounts()
    {
        var mounts = new List<Mount>();
        foreach (var line in File.ReadLines(mountInfoPath))
        {
            // id parent major:minor root mountpoint options [optional fields] - fstype source superoptions
            var parts = line.Split(' ');
            var dash = Array.IndexOf(parts, "-");
            if (parts.Length < 10 || dash < 6 || dash + 2 >= parts.Length)
            {
                continue;
            }

            mounts.Add(new Mount(Unescape(parts[dash + 2]), parts[dash + 1], Unescape(parts[4])));
        }

        return mounts;
    }

    public virtual SpaceInfo GetSpace(string mountPoint)
    {
        var drive = new DriveInfo(mountPoint);
        return new SpaceInfo(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
    }

    /// <summary>Decodes mountinfo's octal escapes (<c>\040</c> is a space).</summary>
    internal static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 3 < value.Length && int.TryParse(value.AsSpan(i + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                sb.Append((char)Convert.ToInt32(value.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(value[i]);
            }
        }

        return sb.ToString();
    }
}
