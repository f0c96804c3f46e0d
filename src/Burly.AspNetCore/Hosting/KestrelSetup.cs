using System.Net;
using Burly.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Hosting;

/// <summary>
/// Kestrel: listens on <c>HOST</c>:<c>PORT</c> only, and applies the slow-client and size limits (request
/// body = <c>MAX_REQUEST_SIZE</c>, 16 KiB of headers, 10 s to send them, a minimum body data rate).
/// </summary>
internal sealed class KestrelSetup(IOptions<BurlyOptions> options, IOptions<HttpHostOptions> httpOptions) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var burly = options.Value;
        var http = httpOptions.Value;
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = burly.Limits.MaxRequestSize;
        kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
        kestrel.Limits.MaxRequestHeaderCount = 64;
        kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);

        var port = http.Port;
        switch (ListenAddress.Parse(http.Host))
        {
            case { IsLocalhost: true } when port != 0:
                kestrel.ListenLocalhost(port);
                break;
            case { IsLocalhost: true }:
                kestrel.Listen(IPAddress.Loopback, 0);
                break;
            case { IsAny: true }:
                kestrel.ListenAnyIP(port);
                break;
            case { Address: { } address }:
                kestrel.Listen(address, port);
                break;
            default:
                throw new InvalidOperationException($"HOST '{http.Host}' is not an IP address or localhost.");
        }
    }
}
