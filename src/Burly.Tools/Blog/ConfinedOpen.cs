using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Burly.Tools.Blog;

/// <summary>Why <see cref="ConfinedOpen.OpenForRead"/> could not open a file.</summary>
internal enum ConfinedOpenFailure
{
    /// <summary>Opened.</summary>
    None,

    /// <summary>A symbolic link or a step out of the root appeared on the way (a race): treated as an escape, whatever lies outside.</summary>
    LinkOrEscape,

    /// <summary>The file is gone or a directory on the way changed.</summary>
    Changed,

    /// <summary>Permission denied.</summary>
    AccessDenied,

    /// <summary>Another I/O error.</summary>
    Unreadable,
}

/// <summary>
/// Opens an already resolved file for reading so that a race between resolving and opening can neither block a
/// tool slot nor reveal anything outside the root: <c>openat2</c> relative to the root's descriptor with
/// <c>RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS</c> (the resolved real path has no links, so any link met was raced in
/// and is refused before its target is examined) and <c>O_NONBLOCK</c> (a FIFO swapped in does not block the open).
/// Kernels without <c>openat2</c> (before 5.6, or a seccomp filter returning <c>ENOSYS</c>) fall back to a plain
/// non-blocking <c>open</c>; the caller's descriptor re-checks still refuse what was opened.
/// </summary>
internal static class ConfinedOpen
{
    private const int SysOpenat2 = 437; // the same number on every Linux architecture (unified syscall table)
    private const ulong ORdOnly = 0;
    private const ulong ONoCtty = 0x100;
    private const ulong ONonBlock = 0x800;
    private const ulong OCloExec = 0x80000;
    private const int OPath = 0x200000;
    private const ulong ResolveNoMagicLinks = 0x02;
    private const ulong ResolveNoSymlinks = 0x04;
    private const ulong ResolveBeneath = 0x08;
    private const int ENOENT = 2;
    private const int EINTR = 4;
    private const int EACCES = 13;
    private const int EXDEV = 18;
    private const int ENOTDIR = 20;
    private const int ELOOP = 40;
    private const int ENOSYS = 38;
    private const int EAGAIN = 11;
    private const int EPERM = 1;

    /// <summary>Opens <paramref name="realPath"/> (inside <paramref name="rootRealPath"/>, links already resolved) read-only and non-blocking.</summary>
    /// <param name="rootRealPath">The root's real path.</param>
    /// <param name="realPath">The file's resolved real path.</param>
    /// <param name="handle">Receives the handle when opened.</param>
    /// <returns>Why it failed, or <see cref="ConfinedOpenFailure.None"/>.</returns>
    public static ConfinedOpenFailure OpenForRead(string rootRealPath, string realPath, out SafeFileHandle? handle)
    {
        handle = null;
        var relative = realPath == rootRealPath ? "." : realPath.StartsWith(rootRealPath.TrimEnd('/') + "/", StringComparison.Ordinal)
            ? realPath[(rootRealPath.TrimEnd('/').Length + 1)..]
            : null;
        if (relative is null)
        {
            return ConfinedOpenFailure.LinkOrEscape;
        }

        var rootFd = Retry(() => Open(rootRealPath, OPath | (int)OCloExec, 0));
        if (rootFd < 0)
        {
            return Classify(Marshal.GetLastPInvokeError());
        }

        try
        {
            var how = new OpenHow
            {
                Flags = ORdOnly | ONonBlock | OCloExec | ONoCtty,
                Mode = 0,
                Resolve = ResolveBeneath | ResolveNoSymlinks | ResolveNoMagicLinks,
            };
            var fd = Retry(() => (int)Syscall(SysOpenat2, rootFd, relative, ref how, (nuint)Marshal.SizeOf<OpenHow>()));
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is ENOSYS or EPERM)
                {
                    // No openat2 here: a plain non-blocking open (still never blocks on a FIFO).
                    fd = Retry(() => Open(realPath, (int)(ORdOnly | ONonBlock | OCloExec | ONoCtty), 0));
                    if (fd < 0)
                    {
                        return Classify(Marshal.GetLastPInvokeError());
                    }
                }
                else
                {
                    return Classify(errno);
                }
            }

            handle = new SafeFileHandle(fd, ownsHandle: true);
            return ConfinedOpenFailure.None;
        }
        finally
        {
            _ = Close(rootFd);
        }
    }

    private static ConfinedOpenFailure Classify(int errno) => errno switch
    {
        ELOOP or EXDEV => ConfinedOpenFailure.LinkOrEscape,
        ENOENT or ENOTDIR => ConfinedOpenFailure.Changed,
        EACCES => ConfinedOpenFailure.AccessDenied,
        EAGAIN => ConfinedOpenFailure.Changed,
        _ => ConfinedOpenFailure.Unreadable,
    };

    private static int Retry(Func<int> call)
    {
        int result;
        do
        {
            result = call();
        }
        while (result < 0 && Marshal.GetLastPInvokeError() == EINTR);

        return result;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern long Syscall(long number, int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref OpenHow how, nuint size);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
