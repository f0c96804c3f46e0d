using System.Net;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Mcp;

/// <summary>The built host (with the test tool pack) as a real process on a real Kestrel port, driven by the official SDK client.</summary>
[NonParallelizable]
public sealed class StreamableHttpKestrelTests
{
    private TempDirectory _directory = null!;
    private HostProcess _host = null!;
    private HttpClient _http = null!;

    private string AuditPath => _directory.File("audit.jsonl");

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _directory = new TempDirectory();
        _host = await HostProcess.StartAsync(TestPaths.TestHostDll, new Dictionary<string, string?>
        {
            ["POLICY_FILE"] = TestPaths.Policy,
            ["BURLY_DATA_DIR"] = _directory.Path,
            ["AUDIT_LOG_PATH"] = AuditPath,
            ["RATE_LIMIT_DISABLED"] = "true",
        });
        _http = new HttpClient { BaseAddress = _host.BaseAddress };
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        _http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _directory?.Dispose();
    }

    [Test]
    public async Task Initialize_RealPort_OpensSession()
    {
        await using var client = await McpClients.ConnectAsync(_http, _host.McpEndpoint);

        Assert.That(client.SessionId, Is.Not.Null);
        Assert.That(client.ServerInfo?.Name, Is.EqualTo("burlymcp"));
    }

    [Test]
    public async Task ListTools_RealPort_ListsPolicyTools()
    {
        await using var client = await McpClients.ConnectAsync(_http, _host.McpEndpoint);

        var tools = await client.ListToolsAsync();

        Assert.That(tools.Select(t => t.Name), Is.EquivalentTo(new[] { "disk_space", "test_mutate", "test_slow" })); // test_ops_only: ops key only
    }

    [Test]
    public async Task CallTool_DiskSpaceOverRealPort_Succeeds()
    {
        await using var client = await McpClients.ConnectAsync(_http, new Uri(_host.BaseAddress!, "/v1/mcp"));

        var result = await client.CallToolAsync("disk_space", new Dictionary<string, object?> { ["path"] = "/" });

        Assert.That(McpClients.Structured(result).GetProperty("ok").GetBoolean(), Is.True);
    }

    [Test]
    public async Task CallTool_ElicitationAccepted_RunsTool()
    {
        await using var client = await McpClients.ConnectAsync(_http, _host.McpEndpoint, elicit: McpClients.Accept);

        var result = await client.CallToolAsync("test_mutate", new Dictionary<string, object?> { ["target"] = "kestrel-accept" });

        Assert.That(result.IsError, Is.Not.True, () => McpClients.Structured(result).ToString());
        var record = AuditFile.Events(AuditPath, "tool_call").Last(r => (string?)r["arguments"]?["target"] == "kestrel-accept");
        Assert.That((string?)record["result"], Is.EqualTo("success"));
        Assert.That((string?)record["security_context"]!["confirmation_method"], Is.EqualTo("elicitation"));
    }

    [Test]
    public async Task CallTool_ElicitationDeclined_ReturnsDeclined()
    {
        await using var client = await McpClients.ConnectAsync(_http, _host.McpEndpoint, elicit: McpClients.Decline);

        var result = await client.CallToolAsync("test_mutate", new Dictionary<string, object?> { ["target"] = "kestrel-decline" });

        Assert.That(McpClients.Structured(result).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("CONFIRMATION_DECLINED"));
        var record = AuditFile.Events(AuditPath, "tool_call").Last(r => (string?)r["arguments"]?["target"] == "kestrel-decline");
        Assert.That((string?)record["result"], Is.EqualTo("denied"));
    }

    [Test]
    public async Task LegacyRequest_RealPort_ReturnsEnvelope()
    {
        var (response, body) = await _http.PostJsonAsync("/mcp", """{"id":11,"method":"call_tool","name":"disk_space","args":{}}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int?)body["id"], Is.EqualTo(11));
        Assert.That((bool?)body["ok"], Is.True);
    }
}
