using Burly.Configuration;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Hosting;

/// <summary>
/// DNS-rebinding defence: the <c>Host</c> header must name this server. The standard <c>AllowedHosts</c>
/// setting wins (<c>*</c> turns the check off); without it only <c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>
/// and a specific <c>HOST</c> address are accepted, anything else gets 400.
/// </summary>
internal sealed class HostFilteringSetup(IConfiguration configuration, IOptions<HttpHostOptions> options) : IConfigureOptions<HostFilteringOptions>
{
    /// <summary>The hosts allowed when <c>AllowedHosts</c> is not configured.</summary>
    public static IReadOnlyList<string> LoopbackHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];

    public void Configure(HostFilteringOptions filtering) => filtering.AllowedHosts = Resolve(configuration, options.Value);

    /// <summary>Returns the allowed hosts in effect.</summary>
    public static List<string> Resolve(IConfiguration configuration, HttpHostOptions http)
    {
        var configured = configuration["AllowedHosts"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (configured is { Length: > 0 })
        {
            return [.. configured];
        }

        var hosts = new List<string>(LoopbackHosts);
        if (ListenAddress.Parse(http.Host) is { Address: { } address } && !System.Net.IPAddress.IsLoopback(address)
            && !address.Equals(System.Net.IPAddress.Any) && !address.Equals(System.Net.IPAddress.IPv6Any))
        {
            hosts.Add(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString());
        }

        return hosts;
    }
}
