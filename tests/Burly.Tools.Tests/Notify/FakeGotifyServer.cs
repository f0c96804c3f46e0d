using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Burly.Core.Tests.Notifications;

/// <summary>One request the fake server received.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonObject? Body);

/// <summary>
/// A small HTTP server on 127.0.0.1 that behaves like Gotify: <c>POST {prefix}/message</c> with the right
/// <c>X-Gotify-Key</c> header and a JSON body answers <c>{"id":N,...}</c>; a wrong or missing key answers 401;
/// another path 404. It can hold every answer behind a gate (a slow or hung server) or answer a fixed status.
/// With <see cref="AcceptAnyPath"/> it is a plain webhook receiver.
/// </summary>
public sealed class FakeGotifyServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Channel<ReceivedRequest> _received = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly ConcurrentQueue<ReceivedRequest> _all = new();
    private readonly Task _loop;
    private long _nextId = 41;
    private int _disposed;

    private FakeGotifyServer(HttpListener listener, string baseUrl)
    {
        _listener = listener;
        BaseUrl = baseUrl;
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    public string Token { get; init; } = "AbCdEf123456";

    public bool AcceptAnyPath { get; init; }

    /// <summary>Gets or sets a status to answer instead of the normal behaviour (e.g. 500).</summary>
    public int? FixedStatus { get; set; }

    /// <summary>Gets or sets a gate every answer waits for (set it to simulate a hung server).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public IReadOnlyCollection<ReceivedRequest> All => _all;

    public static FakeGotifyServer Start(string token = "AbCdEf123456", bool acceptAnyPath = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            var baseUrl = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add(baseUrl + "/");
            try
            {
                listener.Start();
                return new FakeGotifyServer(listener, baseUrl) { Token = token, AcceptAnyPath = acceptAnyPath };
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Waits for the next request (a hang guard only: the wait is not what the test asserts).</summary>
    public async Task<ReceivedRequest> NextAsync() =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);

    public bool TryNext(out ReceivedRequest? request) => _received.Reader.TryRead(out request);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Gate?.TrySetResult();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string text;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync().ConfigureAwait(false);
        }

        JsonObject? body = null;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        var headers = request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        var received = new ReceivedRequest(request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query, headers, body);
        _all.Enqueue(received);
        _received.Writer.TryWrite(received);

        if (Gate is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }

        var response = context.Response;
        try
        {
            if (FixedStatus is { } status)
            {
                await WriteAsync(response, status, "{\"error\":\"fixed\"}").ConfigureAwait(false);
            }
            else if (AcceptAnyPath)
            {
                await WriteAsync(response, 200, "{}").ConfigureAwait(false);
            }
            else if (request.HttpMethod != "POST" || !received.Path.EndsWith("/message", StringComparison.Ordinal))
            {
                await WriteAsync(response, 404, "{\"error\":\"Not Found\"}").ConfigureAwait(false);
            }
            else if (!headers.TryGetValue("X-Gotify-Key", out var key) || key != Token || received.Query.Contains("token", StringComparison.OrdinalIgnoreCase))
            {
                await WriteAsync(response, 401, "{\"error\":\"Unauthorized\",\"errorCode\":401}").ConfigureAwait(false);
            }
            else if (body?["message"] is null)
            {
                await WriteAsync(response, 400, "{\"error\":\"Bad Request\"}").ConfigureAwait(false);
            }
            else
            {
                var id = Interlocked.Increment(ref _nextId);
                var answer = new JsonObject { ["id"] = id, ["appid"] = 1, ["message"] = body["message"]!.DeepClone(), ["title"] = body["title"]?.DeepClone(), ["priority"] = body["priority"]?.DeepClone() };
                await WriteAsync(response, 200, answer.ToJsonString()).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string json)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }
}
