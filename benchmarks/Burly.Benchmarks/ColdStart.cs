using System.Diagnostics;
using System.Globalization;

namespace Burly.Benchmarks;

/// <summary>
/// Stdio cold start: spawn → initialize answered → tools/list answered → stdin closed → process exited.
/// Alternates the servers given; prints each run and the medians.
/// </summary>
internal static class ColdStart
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"coldstart","version":"1"}}}""";
    private const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";
    private const string ListTools = """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""";

    /// <summary>Runs <paramref name="runs"/> alternating starts of each command line ("label=exe arg…").</summary>
    public static async Task<int> RunAsync(int runs, string[] servers)
    {
        var parsed = servers.Select(s => (Label: s[..s.IndexOf('=', StringComparison.Ordinal)], Command: s[(s.IndexOf('=', StringComparison.Ordinal) + 1)..].Split(' '))).ToList();
        var answered = parsed.ToDictionary(p => p.Label, _ => new List<double>());
        var exited = parsed.ToDictionary(p => p.Label, _ => new List<double>());

        // One unmeasured start each: the first start after a build pays for the page cache.
        foreach (var (_, command) in parsed)
        {
            await StartOnceAsync(command);
        }

        for (var i = 0; i < runs; i++)
        {
            foreach (var (label, command) in parsed)
            {
                var (toolsListed, exit) = await StartOnceAsync(command);
                answered[label].Add(toolsListed);
                exited[label].Add(exit);
            }
        }

        foreach (var (label, _) in parsed)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"coldstart {label} runs={runs} median_tools_listed_ms={Median(answered[label]):F1} median_exit_ms={Median(exited[label]):F1} min_tools_listed_ms={answered[label].Min():F1} max_tools_listed_ms={answered[label].Max():F1}"));
        }

        return 0;
    }

    private static async Task<(double ToolsListed, double Exited)> StartOnceAsync(string[] command)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        await process.StandardInput.WriteLineAsync(Initialize);
        await process.StandardInput.FlushAsync();
        await ReadUntilIdAsync(process, "1", command[0]);
        await process.StandardInput.WriteLineAsync(Initialized);
        await process.StandardInput.WriteLineAsync(ListTools);
        await process.StandardInput.FlushAsync();
        await ReadUntilIdAsync(process, "2", command[0]);
        var toolsListed = clock.Elapsed.TotalMilliseconds;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return (toolsListed, clock.Elapsed.TotalMilliseconds);
    }

    private static async Task ReadUntilIdAsync(Process process, string id, string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains($"\"id\":{id}", StringComparison.Ordinal) && line.Contains("\"result\"", StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException($"{name} closed stdout before answering request {id}.");
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
