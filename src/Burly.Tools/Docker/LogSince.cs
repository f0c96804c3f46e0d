using System.Globalization;
using System.Text.RegularExpressions;

namespace Burly.Tools.Docker;

/// <summary>
/// Parses <c>docker_logs</c>' <c>since</c>: RFC 3339 (<c>2026-05-01T10:00:00Z</c>, or a plain date), Unix seconds
/// (<c>1714557600</c>, fractions allowed) or a duration back from now (<c>10m</c>, <c>2h</c>, <c>1h30m</c>, <c>3d</c>),
/// and turns it into the Unix-seconds value the Engine API expects.
/// </summary>
internal static partial class LogSince
{
    /// <summary>Parses a <c>since</c> value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="now">The current time.</param>
    /// <param name="unixSeconds">The point in time as Unix seconds (engine format, e.g. <c>1714557600.5</c>).</param>
    /// <returns><see langword="true"/> when the value is valid.</returns>
    public static bool TryParse(string? value, DateTimeOffset now, out string unixSeconds)
    {
        unixSeconds = string.Empty;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        DateTimeOffset point;
        if (UnixTime().IsMatch(text) && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            unixSeconds = seconds.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        if (Duration().Match(text) is { Success: true } match)
        {
            if (!TrySum(match, out var span) || span > now - DateTimeOffset.UnixEpoch)
            {
                return false;
            }

            point = now - span;
        }
        else if (Rfc3339().IsMatch(text)
                 && DateTimeOffset.TryParse(LongFraction().Replace(text, "$1"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            point = parsed;
        }
        else
        {
            return false;
        }

        var ticks = Math.Max(0, point.UtcTicks - DateTimeOffset.UnixEpoch.Ticks);
        unixSeconds = (ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "."
            + (ticks % TimeSpan.TicksPerSecond * 100).ToString("D9", CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TrySum(Match match, out TimeSpan span)
    {
        span = TimeSpan.Zero;
        try
        {
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var unitStart = part.Value.IndexOfAny(['n', 'u', 'µ', 'm', 's', 'h', 'd']);
                var amount = double.Parse(part.Value[..unitStart], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                span += part.Value[unitStart..] switch
                {
                    "ns" => TimeSpan.FromTicks((long)(amount / 100)),
                    "us" or "µs" => TimeSpan.FromTicks((long)(amount * 10)),
                    "ms" => TimeSpan.FromMilliseconds(amount),
                    "s" => TimeSpan.FromSeconds(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "h" => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                };
            }

            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\d{1,12}(\.\d{1,9})?$", RegexOptions.CultureInvariant)]
    private static partial Regex UnixTime();

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    /// <summary>.NET parses at most 7 fractional digits; Docker writes 9.</summary>
    [GeneratedRegex(@"(\.\d{7})\d+", RegexOptions.CultureInvariant)]
    private static partial Regex LongFraction();
}
