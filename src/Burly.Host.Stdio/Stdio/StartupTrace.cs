using System.Diagnostics;
using System.Globalization;

namespace Burly.Host.Stdio.Stdio;

/// <summary>
/// <c>BURLY_STARTUP_TRACE=1</c>: writes one stderr line per start-up phase with the milliseconds since the process
/// started (docs/performance.md). Off by default; the check is one environment read.
/// </summary>
internal static class StartupTrace
{
    /// <summary>The environment variable that turns the trace on.</summary>
    public const string EnvironmentVariable = "BURLY_STARTUP_TRACE";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(EnvironmentVariable) is "1" or "true";
    private static int _firstAnswer;

    /// <summary>Logs <paramref name="phase"/> with the time since the process started.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        using var process = Process.GetCurrentProcess();
        var sinceStart = TimeProvider.System.GetUtcNow() - process.StartTime.ToUniversalTime();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"burly: startup {phase} at {sinceStart.TotalMilliseconds:F1} ms"));
    }

    /// <summary>Logs the first outgoing protocol message once.</summary>
    public static void MarkFirstAnswer()
    {
        if (Enabled && Interlocked.Exchange(ref _firstAnswer, 1) == 0)
        {
            Mark("first-answer");
        }
    }
}
