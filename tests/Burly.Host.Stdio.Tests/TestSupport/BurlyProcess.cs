using System.Diagnostics;
using ModelContextProtocol.Client;

namespace Burly.Host.Stdio.Tests.TestSupport;

/// <summary>Runs the built <c>burly</c> executable (copied next to the tests) with an isolated data directory.</summary>
public sealed class BurlyProcess : IDisposable
{
    public BurlyProcess()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "burly-stdio-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Environment["BURLY_DATA_DIR"] = DataDirectory;
        Environment["DOTNET_NOLOGO"] = "1";
    }

    public string DataDirectory { get; }

    public string AuditPath => Path.Combine(DataDirectory, "audit", "audit.jsonl");

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the command that starts burly: the apphost if present, else <c>dotnet burly.dll</c>.</summary>
    public static (string Command, string[] Prefix) Launcher
    {
        get
        {
            var apphost = Path.Combine(AppContext.BaseDirectory, "burly");
            return File.Exists(apphost) ? (apphost, []) : ("dotnet", [Path.Combine(AppContext.BaseDirectory, "burly.dll")]);
        }
    }

    public Task<McpClient> ConnectAsync(McpClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (command, prefix) = Launcher;
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = command,
            Arguments = [.. prefix],
            EnvironmentVariables = Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
            Name = "burly",
        });
        return McpClient.CreateAsync(transport, options, cancellationToken: cancellationToken);
    }

    /// <summary>Runs a shell command line with <c>$BURLY</c> set to the launcher, like an operator's one-liner.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> ShellAsync(string commandLine, CancellationToken cancellationToken = default)
    {
        var (command, prefix) = Launcher;
        var psi = new ProcessStartInfo("/bin/bash", ["-c", commandLine])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in Environment)
        {
            psi.Environment[k] = v;
        }

        psi.Environment["BURLY"] = string.Join(' ', new[] { command }.Concat(prefix));
        return await RunAsync(psi, cancellationToken);
    }

    /// <summary>Runs <c>burly ARGS…</c> directly.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var (command, prefix) = Launcher;
        var psi = new ProcessStartInfo(command, prefix.Concat(arguments))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in Environment)
        {
            psi.Environment[k] = v;
        }

        return await RunAsync(psi, cancellationToken);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<(int, string, string)> RunAsync(ProcessStartInfo psi, CancellationToken cancellationToken)
    {
        using var process = Process.Start(psi)!;
        if (psi.RedirectStandardInput)
        {
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

}
