using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Mcp;

/// <summary>Stateless mode in the built host on a real port.</summary>
[NonParallelizable]
public sealed class StatelessKestrelTests
{
    [Test]
    public async Task StatelessHost_SdkClient_CallsAndConfirmsOverRealPort()
    {
        using var directory = new TempDirectory();
        await using var host = await HostProcess.StartAsync(TestPaths.TestHostDll, new Dictionary<string, string?>
        {
            ["POLICY_FILE"] = TestPaths.Policy,
            ["BURLY_DATA_DIR"] = directory.Path,
            ["Burly__Http__Stateless"] = "true",
        });
        using var http = new HttpClient();
        await using var client = await McpClients.ConnectAsync(http, host.McpEndpoint, elicit: McpClients.Accept);

        var read = await client.CallToolAsync("disk_space");
        var write = await client.CallToolAsync("test_mutate", new Dictionary<string, object?> { ["target"] = "stateless" });

        Assert.That(client.SessionId, Is.Null);
        Assert.That(read.IsError, Is.Not.True);
        Assert.That(write.IsError, Is.Not.True, () => McpClients.Structured(write).ToString());
        Assert.That(host.Output, Does.Contain("stateless"));
    }
}
