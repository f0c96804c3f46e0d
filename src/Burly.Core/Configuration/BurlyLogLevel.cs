using Microsoft.Extensions.Logging;

namespace Burly.Configuration;

/// <summary>Maps <c>LOG_LEVEL</c> / <c>Burly:LogLevel</c> (Python-era spellings included) to a <see cref="LogLevel"/>.</summary>
public static class BurlyLogLevel
{
    /// <summary>Parses a level name; unknown or missing names give <see cref="LogLevel.Information"/> (validation reports them).</summary>
    /// <param name="value">The configured name, e.g. <c>DEBUG</c>, <c>Warning</c>, <c>WARN</c>.</param>
    /// <returns>The level.</returns>
    public static LogLevel Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARNING" or "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" => LogLevel.Critical,
        "NONE" => LogLevel.None,
        _ => LogLevel.Information,
    };
}
