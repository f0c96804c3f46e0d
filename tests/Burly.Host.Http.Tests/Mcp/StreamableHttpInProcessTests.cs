using System.Text.Json;
using Burly.Host.Http.Tests.Infrastructure;
using Burly.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace Burly.Host.Http.Tests.Mcp;

/// <summary>The official C# SDK client against the host in process (WebApplicationFactory), stateful sessions.</summary>
public sealed class StreamableHttpInProcessTests
{
    private BurlyHttpFactory _factory = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        _factory = new BurlyHttpFactory();
        _http = _factory.CreateClient();
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Initialize_StatefulServer_ReportsServerInfoAndSession()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint);

        Assert.That(client.ServerInfo?.Name, Is.EqualTo("burlymcp"));
        Assert.That(client.SessionId, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task ListTools_TestPolicy_ListsPolicyToolsWithAnnotations()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint);

        var tools = await client.ListToolsAsync();

        Assert.That(tools.Select(t => t.Name), Is.EquivalentTo(new[] { "disk_space", "test_mutate", "test_slow" })); // test_ops_only: ops key only
        var mutate = tools.Single(t => t.Name == "test_mutate").ProtocolTool;
        Assert.That(mutate.Annotations?.DestructiveHint, Is.True);
        Assert.That(mutate.Annotations?.ReadOnlyHint, Is.False);
    }

    [Test]
    public async Task CallTool_DiskSpace_ReturnsStructuredSuccess()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint);

        var result = await client.CallToolAsync("disk_space", new Dictionary<string, object?> { ["path"] = "/" });

        Assert.That(result.IsError, Is.Not.True);
        var structured = McpClients.Structured(result);
        Assert.That(structured.GetProperty("ok").GetBoolean(), Is.True);
        Assert.That(structured.GetProperty("data").GetProperty("filesystems").GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public async Task CallTool_MutatingToolElicitationAccepted_RunsAndAuditsElicitation()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, elicit: McpClients.Accept);

        var result = await client.CallToolAsync("test_mutate", new Dictionary<string, object?> { ["target"] = "web" });

        Assert.That(result.IsError, Is.Not.True, () => McpClients.Structured(result).ToString());
        Assert.That(_factory.ToolLog.Calls, Does.Contain("test_mutate:web"));
        var record = AuditFile.Events(_factory.AuditPath, "tool_call").Last(r => (string?)r["tool_name"] == "test_mutate");
        Assert.That((string?)record["security_context"]!["confirmation_method"], Is.EqualTo("elicitation"));
    }

    [Test]
    public async Task CallTool_MutatingToolElicitationDeclined_ReturnsDeclinedAndDoesNotRun()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, elicit: McpClients.Decline);

        var result = await client.CallToolAsync("test_mutate", new Dictionary<string, object?> { ["target"] = "web" });

        Assert.That(result.IsError, Is.True);
        Assert.That(McpClients.Structured(result).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("CONFIRMATION_DECLINED"));
        Assert.That(_factory.ToolLog.Calls, Is.Empty);
    }

    [Test]
    public async Task CallTool_MutatingToolWithoutElicitation_ReturnsConfirmationRequired()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint);

        var result = await client.CallToolAsync("test_mutate", new Dictionary<string, object?> { ["target"] = "web" });

        Assert.That(result.IsError, Is.True);
        Assert.That(McpClients.Structured(result).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("CONFIRMATION_REQUIRED"));
        Assert.That(_factory.ToolLog.Calls, Is.Empty);
    }

    [Test]
    public async Task CallTool_MutatingToolWithConfirmArgument_RunsAndAuditsArgument()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint);

        var result = await client.CallToolAsync("test_mutate", new Dictionary<string, object?> { ["target"] = "db", ["_confirm"] = true });

        Assert.That(result.IsError, Is.Not.True, () => McpClients.Structured(result).ToString());
        Assert.That(_factory.ToolLog.Calls, Does.Contain("test_mutate:db"));
        var record = AuditFile.Events(_factory.AuditPath, "tool_call").Last(r => (string?)r["tool_name"] == "test_mutate");
        Assert.That((string?)record["security_context"]!["confirmation_method"], Is.EqualTo("argument"));
    }

    [Test]
    public async Task CallTool_UnknownTool_ThrowsInvalidParams()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint);

        var error = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.CallToolAsync("no_such_tool"));

        Assert.That(error!.ErrorCode, Is.EqualTo(McpErrorCode.InvalidParams));
    }

    [Test]
    public async Task CallTool_AnonymousLoopback_AuditsHttpTransportAndClient()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint);

        await client.CallToolAsync("disk_space");

        var record = AuditFile.Events(_factory.AuditPath, "tool_call").Last();
        Assert.That((string?)record["transport"], Is.EqualTo("http"));
        Assert.That((string?)record["user_id"], Is.EqualTo("anonymous"));
        Assert.That((string?)record["client"]!["name"], Is.EqualTo("burly-http-tests"));
        Assert.That((string?)record["session_id"], Is.EqualTo(client.SessionId));
    }

    [Test]
    public async Task Initialize_StatefulSession_CountsOneActiveConnection()
    {
        using var recorder = new MetricRecorder(_factory.Services.GetRequiredService<BurlyMetrics>().ActiveConnections);

        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint);

        Assert.That(recorder.Total, Is.EqualTo(1));
    }
}
