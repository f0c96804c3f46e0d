using System.Diagnostics;

namespace Burly.Core.Tests.TestSupport;

/// <summary>A small tmpfs mounted for one test (needs root), so "disk full" is a real ENOSPC. Unmounted on dispose.</summary>
public sealed class TmpfsVolume : IDisposable
{
    private TmpfsVolume(string path) => Path = path;

    public string Path { get; }

    public string FillerPath => System.IO.Path.Combine(Path, "filler");

    /// <summary>Mounts a tmpfs of <paramref name="sizeKb"/> KiB, or ignores the test when not root (CI runs as root).</summary>
    public static TmpfsVolume Mount(int sizeKb)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Ignore("Mounting a tmpfs needs root on Linux (CI runs the tests as root).");
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "burly-tmpfs-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={sizeKb}k", "tmpfs", path);
        return new TmpfsVolume(path);
    }

    /// <summary>Fills the volume: writes a filler file until ENOSPC.</summary>
    public void Fill()
    {
        var chunk = new byte[4096];
        using var filler = new FileStream(FillerPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1);
        try
        {
            while (true)
            {
                filler.Write(chunk);
            }
        }
        catch (IOException)
        {
        }

        try
        {
            // Fill the last partial block too.
            while (true)
            {
                filler.Write(chunk, 0, 1);
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Frees the space taken by <see cref="Fill"/>.</summary>
    public void Free() => File.Delete(FillerPath);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.Zero, $"{file} failed: {err}");
    }
}
