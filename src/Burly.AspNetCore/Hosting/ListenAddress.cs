using System.Net;

namespace Burly.Host.Http.Hosting;

/// <summary>A parsed <c>HOST</c> value: <c>localhost</c>, an IP address, or <c>*</c> (every address).</summary>
/// <param name="IsLocalhost">Whether the value is <c>localhost</c>.</param>
/// <param name="IsAny">Whether the value is <c>*</c> or <c>+</c>.</param>
/// <param name="Address">The IP address, when one was given.</param>
internal sealed record ListenAddress(bool IsLocalhost, bool IsAny, IPAddress? Address)
{
    /// <summary>Parses a <c>HOST</c> value.</summary>
    /// <param name="host">The value.</param>
    /// <returns>The address, or <see langword="null"/> when it is not one of the accepted forms.</returns>
    public static ListenAddress? Parse(string? host)
    {
        var value = host?.Trim() ?? string.Empty;
        if (value.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new ListenAddress(true, false, null);
        }

        if (value is "*" or "+")
        {
            return new ListenAddress(false, true, null);
        }

        return IPAddress.TryParse(value.Trim('[', ']'), out var ip) ? new ListenAddress(false, false, ip) : null;
    }
}
