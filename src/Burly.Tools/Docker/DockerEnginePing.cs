using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Burly.Configuration;

namespace Burly.Health;

/// <summary>
/// A minimal Docker Engine API client for health: <c>GET /_ping</c> and <c>GET /version</c> over the configured
/// endpoint (<c>unix://</c> socket or <c>tcp://</c>/<c>http://</c>). Core does not reference the Docker tool pack
/// (dependencies point the other way), so the two requests the check needs are made here with a plain
/// <see cref="HttpClient"/>; the Docker pack may register its own <see cref="IDockerEngineProbe"/> instead.
/// </summary>
internal sealed class DockerEnginePing : IDockerEngineProbe
{
    public async Task<DockerEngineStatus> ProbeAsync(DockerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.ResolveEndpoint();
        using var handler = new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
        Uri baseAddress;
        if (endpoint.Scheme == "unix")
        {
            var socketPath = endpoint.LocalPath;
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
            baseAddress = new Uri("http://docker/");
        }
        else if (endpoint.Scheme is "tcp" or "http")
        {
            baseAddress = new UriBuilder("http", endpoint.Host, endpoint.Port).Uri;
        }
        else
        {
            return new DockerEngineStatus(false, endpoint.Scheme, null, null, $"unsupported DOCKER_HOST scheme '{endpoint.Scheme}' (use unix:// or tcp://)");
        }

        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
        try
        {
            using var ping = await client.GetAsync(new Uri("/_ping", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (!ping.IsSuccessStatusCode)
            {
                return new DockerEngineStatus(false, endpoint.Scheme, null, null, $"the engine answered /_ping with HTTP {(int)ping.StatusCode}");
            }

            using var version = await client.GetFromJsonAsync<JsonDocument>(new Uri("/version", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            var root = version?.RootElement;
            return new DockerEngineStatus(true, endpoint.Scheme,
                root?.TryGetProperty("Version", out var v) == true ? v.GetString() : null,
                root?.TryGetProperty("ApiVersion", out var a) == true ? a.GetString() : null,
                null);
        }
        catch (HttpRequestException ex)
        {
            var why = ex.InnerException is SocketException se
                ? se.SocketErrorCode switch
                {
                    SocketError.AddressNotAvailable or SocketError.ConnectionRefused => "nothing listens on the Docker endpoint (engine down?)",
                    SocketError.AccessDenied => "permission denied on the Docker socket (add the user to the docker group)",
                    _ => "cannot connect to the Docker endpoint (" + se.SocketErrorCode + ")",
                }
                : "cannot reach the Docker engine";
            return new DockerEngineStatus(false, endpoint.Scheme, null, null, why);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DockerEngineStatus(false, endpoint.Scheme, null, null, "the Docker engine did not answer in time");
        }
        catch (JsonException)
        {
            return new DockerEngineStatus(false, endpoint.Scheme, null, null, "the Docker endpoint did not answer like a Docker engine");
        }
    }
}
