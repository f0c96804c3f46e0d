using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Burly.Tools.Command;

/// <summary>
/// Runs an argv directly (no shell) in its own process group (<c>setsid</c>), with only the given environment,
/// capping each output stream; on cancellation (the policy timeout) the whole group is killed, grandchildren included.
/// </summary>
internal static class CommandRunner
{
    private const int SigKill = 9;
    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    public static async Task<CommandRun> RunAsync(IReadOnlyList<string> argv, string workingDirectory, IReadOnlyDictionary<string, string> environment, int maxBytes, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = Setsid ?? argv[0],
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in Setsid is null ? argv.Skip(1) : argv)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        var started = Stopwatch.GetTimestamp();
        process.Start();
        process.StandardInput.Close();
        var stdout = CappedReader.ReadAsync(process.StandardOutput.BaseStream, maxBytes);
        var stderr = CappedReader.ReadAsync(process.StandardError.BaseStream, maxBytes);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillGroup(process);
            throw;
        }

        // Output pipes stay open while a backgrounded grandchild holds them: don't wait for them forever.
        var outputs = Task.WhenAll(stdout, stderr);
        if (await Task.WhenAny(outputs, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken)).ConfigureAwait(false) != outputs)
        {
            KillGroup(process);
        }

        var (outText, outDropped) = await stdout.ConfigureAwait(false);
        var (errText, errDropped) = await stderr.ConfigureAwait(false);
        return new CommandRun(process.ExitCode, outText, errText, outDropped + errDropped, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static void KillGroup(Process process)
    {
        try
        {
            if (Setsid is not null)
            {
                _ = Kill(-process.Id, SigKill); // setsid made the child a group leader: pgid == pid.
            }

            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    // DllImport rather than LibraryImport: the latter needs AllowUnsafeBlocks for its generated code.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>The result of one command run.</summary>
internal sealed record CommandRun(int ExitCode, string Stdout, string Stderr, long DroppedBytes, double ElapsedMs);

/// <summary>Reads a stream to its end, keeping at most a byte budget (the rest is counted and dropped).</summary>
internal static class CappedReader
{
    public static async Task<(string Text, long Dropped)> ReadAsync(Stream stream, int maxBytes)
    {
        var kept = new MemoryStream();
        var buffer = new byte[8192];
        long dropped = 0;
        int read;
        try
        {
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                var room = (int)Math.Max(0, maxBytes - kept.Length);
                kept.Write(buffer, 0, Math.Min(room, read));
                dropped += Math.Max(0, read - room);
            }
        }
        catch (IOException)
        {
            // The process group was killed.
        }
        catch (ObjectDisposedException)
        {
        }

        return (global::System.Text.Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length), dropped);
    }
}
