using System.Diagnostics;

namespace Burly.Host.Stdio.Tests.Operations;

/// <summary>Runs the real <c>burly</c> executable (built next to the tests) as a child process.</summary>
internal static class BurlyProcess
{
    public static string Dll => Path.Combine(TestContext.CurrentContext.TestDirectory, "burly.dll");

    public static string TestData(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", name);

    /// <summary>Environment for an isolated Burly: data under <paramref name="dataDirectory"/>, no Docker socket.</summary>
    public static Dictionary<string, string?> Environment(string dataDirectory) => new()
    {
        ["BURLY_DATA_DIR"] = dataDirectory,
        ["DOCKER_SOCKET"] = Path.Combine(dataDirectory, "no-docker.sock"),
        ["POLICY_FILE"] = null,
        ["POLICY_DIR"] = null,
        ["AUDIT_LOG_PATH"] = null,
        ["METRICS_PORT"] = null,
        ["BURLY_CONFIG"] = null,
        ["LOG_LEVEL"] = "Warning",
    };

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            if (v is null)
            {
                start.Environment.Remove(k);
            }
            else
            {
                start.Environment[k] = v;
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static string CreateTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "burly-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
