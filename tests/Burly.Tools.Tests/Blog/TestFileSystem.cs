using System.Runtime.InteropServices;

namespace Burly.Tools.Tests.Blog;

/// <summary>File system operations .NET has no API for.</summary>
internal static class TestFileSystem
{
    public static void HardLink(string existing, string newPath)
    {
        if (Link(existing, newPath) != 0)
        {
            throw new IOException($"link() failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public static void MakeFifo(string path)
    {
        if (MkFifo(path, Convert.ToUInt32("644", 8)) != 0)
        {
            throw new IOException($"mkfifo() failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
