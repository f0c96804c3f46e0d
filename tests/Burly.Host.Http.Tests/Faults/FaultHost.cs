using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Burly.Host.Http.Tests.Faults;

/// <summary>Helpers for the fault tests against the built HTTP host: legacy calls, health, metrics, and loopback fault servers.</summary>
internal static class FaultHost
{
    /// <summary>Calls a tool on the legacy endpoint; asserts no HTTP 500 and a JSON body.</summary>
    public static async Task<(JsonObject Body, string Text, TimeSpan Elapsed)> CallAsync(HttpClient http, string tool, JsonObject? args = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("/mcp", new JsonObject { ["id"] = Guid.NewGuid().ToString("N")[..8], ["method"] = "call_tool", ["name"] = tool, ["args"] = args ?? new JsonObject() });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.Not.EqualTo(500), text);
        return (JsonNode.Parse(text)!.AsObject(), text, clock.Elapsed);
    }

    public static string? Code(JsonObject body) => (string?)body["error_detail"]?["code"];

    public static async Task<(int Status, JsonObject Body, TimeSpan Elapsed)> HealthAsync(HttpClient http)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.GetAsync("/health");
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject(), clock.Elapsed);
    }

    /// <summary>Sums the samples of a Prometheus metric whose line contains every given label text.</summary>
    public static double Metric(string metrics, string name, params string[] labels) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is '{' or ' ') && labels.All(l.Contains))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>A loopback TCP server that accepts connections and never answers (a hung dependency).</summary>
    public sealed class SilentServer : IDisposable
    {
        private readonly List<Socket> _held = [];
        private readonly Socket _listener;
        private readonly CancellationTokenSource _stop = new();

        private SilentServer(Socket listener, string? socketPath)
        {
            _listener = listener;
            SocketPath = socketPath;
            _ = AcceptAsync();
        }

        public string? SocketPath { get; }

        public int Port => (_listener.LocalEndPoint as System.Net.IPEndPoint)?.Port ?? 0;

        public int Accepted { get; private set; }

        public static SilentServer Tcp()
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            listener.Listen(100);
            return new SilentServer(listener, null);
        }

        public static SilentServer Unix(string path)
        {
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(100);
            return new SilentServer(listener, path);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Dispose();
            lock (_held)
            {
                _held.ForEach(s => s.Dispose());
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var socket = await _listener.AcceptAsync(_stop.Token);
                    lock (_held)
                    {
                        _held.Add(socket);
                        Accepted++;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>A loopback HTTP server that answers every request with 500.</summary>
    public sealed class ErrorServer : IDisposable
    {
        private readonly TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _requests;

        public ErrorServer()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port;

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _ = Task.Run(async () =>
                    {
                        using (client)
                        {
                            var stream = client.GetStream();
                            var buffer = new byte[8192];
                            var seen = string.Empty;
                            while (!seen.Contains("\r\n\r\n", StringComparison.Ordinal))
                            {
                                var n = await stream.ReadAsync(buffer);
                                if (n == 0)
                                {
                                    return;
                                }

                                seen += System.Text.Encoding.ASCII.GetString(buffer, 0, n);
                            }

                            Interlocked.Increment(ref _requests);
                            await stream.WriteAsync("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nConnection: close\r\n\r\nboom"u8.ToArray());
                        }
                    });
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
