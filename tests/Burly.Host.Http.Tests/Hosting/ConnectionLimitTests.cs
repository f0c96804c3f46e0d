using System.Net.Sockets;
using System.Text;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Hosting;

/// <summary>Issue 13 item 11: idle keep-alive connections are capped in number and time (Http:MaxConnections, Http:KeepAliveTimeoutSeconds).</summary>
[NonParallelizable]
public sealed class ConnectionLimitTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Kestrel_IdleKeepAliveConnectionsOverCap_AreRefusedAndIdleOnesClosed()
    {
        using var directory = new TempDirectory();
        await using var host = await HostProcess.StartAsync(TestPaths.TestHostDll, new Dictionary<string, string?>
        {
            ["POLICY_FILE"] = TestPaths.Policy,
            ["BURLY_DATA_DIR"] = directory.Path,
            ["Burly__Http__MaxConnections"] = "3",
            ["Burly__Http__KeepAliveTimeoutSeconds"] = "2",
        });

        var held = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var client = new TcpClient();
                held.Add(client);
                await client.ConnectAsync(host.BaseAddress!.Host, host.BaseAddress.Port);
                Assert.That(await GetHealthAsync(client), Does.StartWith("HTTP/1.1 "), $"connection {i + 1} is served");
            }

            using var extra = new TcpClient();
            await extra.ConnectAsync(host.BaseAddress!.Host, host.BaseAddress.Port);
            Assert.That(await GetHealthAsync(extra), Is.Empty, "a connection over the cap gets no answer (closed)");

            await Task.Delay(TimeSpan.FromSeconds(4));
            foreach (var client in held)
            {
                Assert.That(await ReadOrEmptyAsync(client.GetStream(), TimeSpan.FromSeconds(5)), Is.Empty, "idle keep-alive connection closed after the timeout");
            }

            using var after = new TcpClient();
            await after.ConnectAsync(host.BaseAddress!.Host, host.BaseAddress.Port);
            Assert.That(await GetHealthAsync(after), Does.StartWith("HTTP/1.1 "), "served again once idle ones were closed");
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }
    }

    private static async Task<string> GetHealthAsync(TcpClient client)
    {
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n"));
        }
        catch (IOException)
        {
            return string.Empty;
        }

        return await ReadOrEmptyAsync(stream, TimeSpan.FromSeconds(10));
    }

    private static async Task<string> ReadOrEmptyAsync(NetworkStream stream, TimeSpan timeout)
    {
        var buffer = new byte[8192];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var n = await stream.ReadAsync(buffer, cts.Token);
            return Encoding.ASCII.GetString(buffer, 0, n);
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (OperationCanceledException)
        {
            return "(no answer and not closed)";
        }
    }
}
