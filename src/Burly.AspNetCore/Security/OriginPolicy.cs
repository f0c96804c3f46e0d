using System.Net;
using Burly.Configuration;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Security;

/// <summary>
/// Which browser origins may call the server (the MCP spec's DNS-rebinding defence): a request without
/// <c>Origin</c> (agents, curl) is fine; an <c>Origin</c> must be a loopback origin or listed in
/// <c>Burly:Http:AllowedOrigins</c> (<c>*</c> allows any).
/// </summary>
public sealed class OriginPolicy(IOptions<HttpHostOptions> options)
{
    /// <summary>Returns whether an <c>Origin</c> header value is allowed.</summary>
    /// <param name="origin">The header value.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public bool IsAllowed(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var allowed = options.Value.AllowedOrigins;
        foreach (var entry in allowed)
        {
            if (entry == "*" || string.Equals(entry.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
    }
}
