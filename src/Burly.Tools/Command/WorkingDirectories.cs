using System.Runtime.InteropServices;
using Burly.ToolPacks;

namespace Burly.Tools.Command;

/// <summary>Resolves a command's working directory (symlinks included) and keeps it inside the configured roots.</summary>
internal static class WorkingDirectories
{
    public static string Resolve(string? requested, IEnumerable<string> roots)
    {
        var resolvedRoots = roots.Select(RealPath).Where(r => r is not null).Select(r => r!).ToList();
        if (resolvedRoots.Count == 0)
        {
            throw new ToolException(BurlyErrorCodes.InvalidArguments, "No command working root exists; configure CommandToolOptions.WorkingRoots.");
        }

        if (requested is null)
        {
            return resolvedRoots[0];
        }

        var real = RealPath(requested)
            ?? throw new ToolException(BurlyErrorCodes.InvalidArguments, "'working_dir' does not exist; create it or fix the path.");
        if (!resolvedRoots.Any(root => real == root || real.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal)))
        {
            throw new ToolException(BurlyErrorCodes.InvalidArguments, "'working_dir' is outside the allowed command working roots (symlinks are resolved).");
        }

        return real;
    }

    private static string? RealPath(string path)
    {
        var buffer = RealPathNative(path, IntPtr.Zero);
        if (buffer == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(buffer);
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    // DllImport rather than LibraryImport: the latter needs AllowUnsafeBlocks for its generated code.
    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr RealPathNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);
}
