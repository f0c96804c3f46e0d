using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Burly.Host.Http.Tests.Infrastructure;

/// <summary>
/// A host started as a real process (dotnet HOST.dll) on 127.0.0.1 with a free port (PORT=0). The listen
/// address is read from the startup summary; output lines can be awaited; SIGTERM is sent with kill(2).
/// </summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    private const int Sigterm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];
    private readonly object _gate = new();

    private HostProcess(Process process)
    {
        _process = process;
    }

    public Uri? BaseAddress { get; private set; }

    public Uri McpEndpoint => new(BaseAddress!, "/mcp");

    public int Id => _process.Id;

    public string Output => string.Join('\n', _output);

    /// <summary>Starts a host; with <paramref name="waitUntilListening"/> returns once it listens (or throws with its output).</summary>
    public static async Task<HostProcess> StartAsync(string dll, IDictionary<string, string?> environment, bool waitUntilListening = true)
    {
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var key in new[] { "PORT", "HOST", "BURLYMCP_API_KEY", "BURLY_API_KEYS", "BURLY_API_KEYS_FILE", "ALLOW_ANONYMOUS", "RATE_LIMIT_DISABLED", "POLICY_FILE", "POLICY_DIR", "AUDIT_LOG_PATH", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "LOG_LEVEL", "Burly__LogLevel", "AllowedHosts", "BURLY_CONFIG" })
        {
            info.Environment.Remove(key);
        }

        info.Environment["HOST"] = "127.0.0.1";
        info.Environment["PORT"] = "0";
        info.Environment["LOG_LEVEL"] = "Information"; // the listen address and shutdown are read from the Information log
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (waitUntilListening)
        {
            var listening = host.WaitForLineAsync(ListeningPattern());
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(listening, exited).WaitAsync(StartTimeout);
            if (first == exited)
            {
                throw new AssertionException($"The host exited with {process.ExitCode} before listening:\n{host.Output}");
            }

            host.BaseAddress = new Uri((await listening).Groups[1].Value.TrimEnd(',', '.'));
        }

        return host;
    }

    /// <summary>Completes when an output line matches (lines already seen count).</summary>
    public Task<Match> WaitForLineAsync(Regex pattern)
    {
        lock (_gate)
        {
            foreach (var line in _output)
            {
                if (pattern.Match(line) is { Success: true } m)
                {
                    return Task.FromResult(m);
                }
            }

            var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((pattern, found));
            return found.Task;
        }
    }

    public void SendSigterm()
    {
        if (kill(_process.Id, Sigterm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Enqueue(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Pattern.Match(line) is { Success: true } m)
                {
                    _waiters[i].Found.TrySetResult(m);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    [GeneratedRegex(@"listening on (http://[^\s,]+)")]
    private static partial Regex ListeningPattern();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
