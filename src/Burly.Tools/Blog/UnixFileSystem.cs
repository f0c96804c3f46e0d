using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Burly.Tools.Blog;

/// <summary>The kind of a file system entry, as <c>lstat</c> sees it.</summary>
internal enum UnixFileKind
{
    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (not followed).</summary>
    SymbolicLink,

    /// <summary>Anything else: FIFO, socket, device.</summary>
    Other,
}

/// <summary>What <c>statx</c> says about one file system entry.</summary>
/// <param name="Kind">The entry kind.</param>
/// <param name="LinkCount">The number of hard links (<c>st_nlink</c>).</param>
/// <param name="Device">The device id.</param>
/// <param name="Inode">The inode number.</param>
/// <param name="Size">The size in bytes.</param>
internal readonly record struct UnixFileStatus(UnixFileKind Kind, uint LinkCount, ulong Device, ulong Inode, long Size)
{
    /// <summary>Gets a value indicating whether two statuses describe the same file.</summary>
    /// <param name="other">The other status.</param>
    /// <returns><see langword="true"/> for the same device and inode.</returns>
    public bool IsSameFile(UnixFileStatus other) => Device == other.Device && Inode == other.Inode;
}

/// <summary>
/// The few POSIX calls .NET does not expose that path containment needs: <c>lstat</c>/<c>fstat</c> with the
/// link count and inode (through <c>statx</c>, whose layout is the same on every architecture) and the real
/// path of an open descriptor (<c>/proc/self/fd</c>). Linux only.
/// </summary>
internal static class UnixFileSystem
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int ENOTDIR = 20;
    private const int ENAMETOOLONG = 36;
    private const int ELOOP = 40;

    /// <summary>Gets a value indicating whether the calls are available here.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>Returns the status of a path without following a final symbolic link.</summary>
    /// <param name="path">An absolute path.</param>
    /// <returns>The status, or <see langword="null"/> when nothing exists there.</returns>
    /// <exception cref="UnauthorizedAccessException">A directory on the way cannot be searched.</exception>
    /// <exception cref="IOException">Another error (name too long, loop).</exception>
    public static UnixFileStatus? LStat(string path)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) == 0)
        {
            return Parse(buffer);
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno switch
        {
            ENOENT or ENOTDIR => null,
            EACCES => throw new UnauthorizedAccessException("Permission denied."),
            ENAMETOOLONG => throw new PathTooLongException(),
            ELOOP => throw new IOException("Too many levels of symbolic links."),
            _ => throw new IOException($"statx failed with errno {errno}."),
        };
    }

    /// <summary>Returns the status of an open file.</summary>
    /// <param name="handle">The handle.</param>
    /// <returns>The status.</returns>
    public static UnixFileStatus FStat(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var buffer = new byte[256];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            if (Statx(fd, string.Empty, AtEmptyPath | AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
            {
                throw new IOException($"statx on an open file failed with errno {Marshal.GetLastPInvokeError()}.");
            }

            return Parse(buffer);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Returns the real path the kernel has for an open file (what was really opened, whatever raced).</summary>
    /// <param name="handle">The handle.</param>
    /// <returns>The absolute real path, or <see langword="null"/> when it cannot be read.</returns>
    public static string? GetOpenedPath(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Reads a symbolic link's target as stored (not resolved).</summary>
    /// <param name="path">The link.</param>
    /// <returns>The target text.</returns>
    public static string ReadLink(string path) =>
        new FileInfo(path).LinkTarget ?? throw new IOException("The entry is no longer a symbolic link.");

    // struct statx: stx_nlink @16 (u32), stx_mode @28 (u16), stx_ino @32 (u64), stx_size @40 (u64),
    // stx_dev_major @136 (u32), stx_dev_minor @140 (u32). Fixed layout on every Linux architecture.
    private static UnixFileStatus Parse(ReadOnlySpan<byte> b)
    {
        var mode = MemoryMarshal.Read<ushort>(b[28..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => UnixFileKind.Regular,
            0x4000 => UnixFileKind.Directory,
            0xA000 => UnixFileKind.SymbolicLink,
            _ => UnixFileKind.Other,
        };
        var nlink = MemoryMarshal.Read<uint>(b[16..]);
        var ino = MemoryMarshal.Read<ulong>(b[32..]);
        var size = MemoryMarshal.Read<ulong>(b[40..]);
        var dev = ((ulong)MemoryMarshal.Read<uint>(b[136..]) << 32) | MemoryMarshal.Read<uint>(b[140..]);
        return new UnixFileStatus(kind, nlink, dev, ino, (long)Math.Min(size, long.MaxValue));
    }

    // DllImport rather than LibraryImport: the latter needs AllowUnsafeBlocks for its generated code.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
