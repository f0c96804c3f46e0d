using System.Net;
using Burly.Host.Http.Tests.Infrastructure;
using Burly.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Host.Http.Tests.Mcp;

/// <summary>Burly:Http:Stateless=true (replicas behind a load balancer): no sessions, tools per request, MRTR or _confirm.</summary>
public sealed class StatelessModeTests
{
    private BurlyHttpFactory _factory = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        _factory = new BurlyHttpFactory(new Dictionary<string, string?> { ["Burly:Http:Stateless"] = "true" });
        _http = _factory.CreateClient();
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task ToolsCall_WithoutInitialize_IsServedWithoutSession()
    {
        var (response, body) = await _http.PostJsonAsync("/mcp", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":{}}}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Contains("Mcp-Session-Id"), Is.False);
        Assert.That((bool?)body["result"]!["structuredContent"]!["ok"], Is.True);
    }

    [Test]
    public async Task SdkClient_ListsAndCallsTools()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint);

        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("disk_space");

        Assert.That(tools, Has.Count.EqualTo(3)); // test_ops_only is allowed only for the ops key
        Assert.That(result.IsError, Is.Not.True);
        Assert.That(client.SessionId, Is.Null);
    }

    [Test]
    public async Task MutatingTool_ElicitationClient_IsConfirmedByInputRequiredRoundTrip()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, elicit: McpClients.Accept);

        var result = await client.CallToolAsync("test_mutate", new Dictionary<string, object?> { ["target"] = "replica" });

        Assert.That(result.IsError, Is.Not.True, () => McpClients.Structured(result).ToString());
        Assert.That(_factory.ToolLog.Calls, Does.Contain("test_mutate:replica"));
        var record = AuditFile.Events(_factory.AuditPath, "tool_call").Last();
        Assert.That((string?)record["security_context"]!["confirmation_method"], Is.EqualTo("elicitation"));
    }

    [Test]
    public async Task MutatingTool_ElicitationDeclined_DoesNotRun()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, elicit: McpClients.Decline);

        var result = await client.CallToolAsync("test_mutate", new Dictionary<string, object?> { ["target"] = "replica" });

        Assert.That(McpClients.Structured(result).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("CONFIRMATION_DECLINED"));
        Assert.That(_factory.ToolLog.Calls, Is.Empty);
    }

    [Test]
    public async Task MutatingTool_ConfirmArgument_Runs()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"test_mutate","arguments":{"target":"t","_confirm":true}}}""");

        Assert.That((bool?)body["result"]!["structuredContent"]!["ok"], Is.True, body.ToJsonString());
        Assert.That(_factory.ToolLog.Calls, Does.Contain("test_mutate:t"));
    }

    [Test]
    public async Task MutatingTool_OldClientWithoutConfirm_ReturnsConfirmationRequired()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"test_mutate","arguments":{"target":"t"}}}""");

        Assert.That((string?)body["result"]!["structuredContent"]!["error"]!["code"], Is.EqualTo("CONFIRMATION_REQUIRED"));
        Assert.That(_factory.ToolLog.Calls, Is.Empty);
    }

    [Test]
    public async Task PolicySwap_NextRequestListsTheNewTools()
    {
        var store = _factory.Services.GetRequiredService<PolicyStore>();
        var loader = _factory.Services.GetRequiredService<PolicyLoader>();

        store.Swap(loader.Load(TestPaths.TestData("policy-reduced.yaml"), null));
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"jsonrpc":"2.0","id":4,"method":"tools/list"}""");

        Assert.That(body["result"]!["tools"]!.AsArray().Select(t => (string?)t!["name"]), Is.EqualTo(new[] { "disk_space" }));
    }
}
