using System.Net.Sockets;
using System.Text;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Limits;

/// <summary>
/// MAX_REQUEST_SIZE on a real socket: the server answers 413 while the client still holds most of the body,
/// which proves the body was not read to the end first.
/// </summary>
[NonParallelizable]
public sealed class RequestSizeOnSocketTests
{
    private TempDirectory _directory = null!;
    private HostProcess _host = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _directory = new TempDirectory();
        _host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?> { ["BURLY_DATA_DIR"] = _directory.Path });
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _directory?.Dispose();
    }

    [Test]
    public async Task DeclaredLength11KiB_Answers413AfterOnly1KiBSent()
    {
        using var socket = await ConnectAsync();
        var stream = socket.GetStream();
        var head = $"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: {11 * 1024}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "{\"id\":1,\"x\":\"" + new string('a', 1000)));

        var response = await ReadResponseHeadAsync(stream);

        Assert.That(response, Does.StartWith("HTTP/1.1 413"));
    }

    [Test]
    public async Task Chunked11KiB_Answers413BeforeTheLastChunk()
    {
        using var socket = await ConnectAsync();
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"));
        var chunk = new string('a', 1024);
        for (var i = 0; i < 11; i++)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n{chunk}\r\n"));
        }

        // The terminating chunk is never sent: only a server that stops at the limit can answer.
        var response = await ReadResponseHeadAsync(stream);

        Assert.That(response, Does.StartWith("HTTP/1.1 413"));
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(_host.BaseAddress!.Host, _host.BaseAddress.Port);
        return client;
    }

    private static async Task<string> ReadResponseHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
