using System.Net;
using Burly.Host.Http.Tests.Infrastructure;
using Burly.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Host.Http.Tests.Authentication;

/// <summary>API keys on every protected route: X-Api-Key and Bearer, scopes, the policy's allow, 401 shape, audit and counter.</summary>
public sealed class ApiKeyAuthenticationTests
{
    private const string DefaultKey = "default-key-0123456789abcdef";
    private const string OpsKey = "ops-key-0123456789abcdef";
    private const string ReaderKey = "reader-key-0123456789abcdef";
    private const string ScopedKey = "scoped-key-0123456789abcdef";
    private const string ListTools = """{"id":"l","method":"list_tools"}""";

    private TempDirectory _keys = null!;
    private BurlyHttpFactory _factory = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        _keys = new TempDirectory();
        File.WriteAllText(_keys.File("keys.txt"), $"# test keys\nscoped:{ScopedKey}:tools=disk_space|test_slow\n");
        _factory = new BurlyHttpFactory(new Dictionary<string, string?>
        {
            ["Burly:Http:ApiKey"] = DefaultKey,
            ["Burly:Http:ApiKeys"] = $"ops:{OpsKey},reader:{ReaderKey}:ro",
            ["Burly:Http:ApiKeysFile"] = _keys.File("keys.txt"),
        });
        _http = _factory.CreateClient();
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _factory.Dispose();
        _keys.Dispose();
    }

    [TestCase("POST", "/mcp")]
    [TestCase("POST", "/v1/mcp")]
    [TestCase("GET", "/mcp")]
    [TestCase("DELETE", "/mcp")]
    [TestCase("GET", "/v1/mcp")]
    [TestCase("GET", "/anything-else")]
    public async Task MissingKey_ProtectedRoute_Returns401WithChallenge(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent(ListTools, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer realm=\"burly\""));
    }

    [Test]
    public async Task WrongKey_Returns401InvalidToken()
    {
        var (response, body) = await _http.PostJsonAsync("/mcp", ListTools, apiKey: "not-a-key");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("error=\"invalid_token\""));
        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("AUTH_REQUIRED"));
    }

    [Test]
    public async Task RightKey_XApiKeyHeader_IsServed()
    {
        var (response, body) = await _http.PostJsonAsync("/mcp", ListTools, apiKey: DefaultKey);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((bool?)body["ok"], Is.True);
    }

    [Test]
    public async Task RightKey_BearerHeader_IsServed()
    {
        var (response, body) = await _http.PostJsonAsync("/v1/mcp", ListTools, apiKey: OpsKey, bearer: true);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((bool?)body["ok"], Is.True);
    }

    [Test]
    public async Task MissingKey_LegacyRequest_ReturnsAuthRequiredEnvelope()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":7,"method":"call_tool","name":"disk_space"}""");

        Assert.That((int?)body["id"], Is.EqualTo(7));
        Assert.That((bool?)body["ok"], Is.False);
        Assert.That((string?)body["summary"], Is.EqualTo("Authentication required"));
        Assert.That((string?)body["error"], Is.EqualTo("Missing or invalid API key"));
        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("AUTH_REQUIRED"));
        Assert.That((int?)body["metrics"]!["exit_code"], Is.EqualTo(1));
        Assert.That((string?)body["meta"]!["api_version"], Is.EqualTo("v1"));
    }

    [Test]
    public async Task MissingKey_JsonRpcRequest_ReturnsJsonRpcErrorWithId()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"jsonrpc":"2.0","id":"x1","method":"tools/list"}""");

        Assert.That((string?)body["id"], Is.EqualTo("x1"));
        Assert.That((int?)body["error"]!["code"], Is.EqualTo(-32000));
        Assert.That((string?)body["error"]!["data"]!["code"], Is.EqualTo("AUTH_REQUIRED"));
    }

    [Test]
    public async Task MissingKey_NothingRuns()
    {
        await _http.PostJsonAsync("/mcp", """{"id":"m","method":"call_tool","name":"test_mutate","args":{"target":"x","_confirm":true}}""");

        Assert.That(_factory.ToolLog.Calls, Is.Empty);
        Assert.That(AuditFile.Events(_factory.AuditPath, "tool_call"), Is.Empty);
    }

    [Test]
    public async Task WrongKeyFlood_WritesABoundedNumberOfAuditRecords()
    {
        // Issue 15 item 2: 60 rejections of one source in one window are 5 full records (the default sample), not 60.
        for (var i = 0; i < 60; i++)
        {
            await _http.PostJsonAsync("/v1/mcp", ListTools, apiKey: "secret-guess-123");
        }

        Assert.That(AuditFile.Events(_factory.AuditPath, "auth_failure"), Has.Count.EqualTo(5));
    }

    [Test]
    public async Task WrongKey_WritesAuthFailureAuditRecordWithoutTheKey()
    {
        await _http.PostJsonAsync("/v1/mcp", ListTools, apiKey: "secret-guess-123");

        var record = AuditFile.Events(_factory.AuditPath, "auth_failure").Single();
        Assert.That((string?)record["user_id"], Is.EqualTo("anonymous"));
        Assert.That((string?)record["error_code"], Is.EqualTo("AUTH_REQUIRED"));
        Assert.That((string?)record["details"]!["reason"], Is.EqualTo("invalid_key"));
        Assert.That((string?)record["details"]!["path"], Is.EqualTo("/v1/mcp"));
        Assert.That(record["details"]!["remote_address"], Is.Not.Null);
        Assert.That(File.ReadAllText(_factory.AuditPath), Does.Not.Contain("secret-guess-123"));
    }

    [Test]
    public async Task MissingKey_IncrementsAuthFailuresCounter()
    {
        using var recorder = new MetricRecorder(_factory.Services.GetRequiredService<BurlyMetrics>().AuthFailures);

        await _http.PostJsonAsync("/mcp", ListTools);
        await _http.PostJsonAsync("/mcp", ListTools, apiKey: "wrong");

        Assert.That(recorder.Total, Is.EqualTo(2));
    }

    [Test]
    public async Task ValidKey_AuditsApiKeyUserId()
    {
        await _http.PostJsonAsync("/mcp", """{"id":"d","method":"call_tool","name":"disk_space"}""", apiKey: OpsKey);

        Assert.That((string?)AuditFile.Events(_factory.AuditPath, "tool_call").Single()["user_id"], Is.EqualTo("apikey:ops"));
    }

    [Test]
    public async Task ReadOnlyKey_MutatingTool_ReturnsForbiddenAndDoesNotRun()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":"r","method":"call_tool","name":"test_mutate","args":{"target":"x","_confirm":true}}""", apiKey: ReaderKey);

        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("FORBIDDEN"));
        Assert.That(_factory.ToolLog.Calls, Is.Empty);
        Assert.That((string?)AuditFile.Events(_factory.AuditPath, "tool_call").Single()["result"], Is.EqualTo("denied"));
    }

    [Test]
    public async Task ReadOnlyKey_ReadTool_IsServed()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":"r","method":"call_tool","name":"disk_space"}""", apiKey: ReaderKey);

        Assert.That((bool?)body["ok"], Is.True);
    }

    [Test]
    public async Task ScopedKey_ToolOutsideScope_ReturnsForbidden()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":"s","method":"call_tool","name":"test_mutate","args":{"target":"x","_confirm":true}}""", apiKey: ScopedKey);

        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("FORBIDDEN"));
        Assert.That((string?)body["error"], Does.Contain("disk_space"));
    }

    [Test]
    public async Task PolicyAllow_OtherKey_ReturnsForbidden()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":"p","method":"call_tool","name":"test_ops_only"}""", apiKey: DefaultKey);

        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("FORBIDDEN"));
    }

    [Test]
    public async Task PolicyAllow_AllowedKey_IsServed()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":"p","method":"call_tool","name":"test_ops_only"}""", apiKey: OpsKey);

        Assert.That((bool?)body["ok"], Is.True, body.ToJsonString());
    }

    [TestCase("/health")]
    [TestCase("/v1/health")]
    [TestCase("/health/live")]
    [TestCase("/metrics")]
    public async Task PublicRoute_NoKey_IsNotChallenged(string path)
    {
        using var response = await _http.GetAsync(path);

        Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task McpClient_BearerKey_ListsTools()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, apiKey: OpsKey);

        var tools = await client.ListToolsAsync();

        Assert.That(tools, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task McpClient_ReadOnlyKey_MutatingToolIsForbidden()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, apiKey: ReaderKey);

        var result = await client.CallToolAsync("test_mutate", new Dictionary<string, object?> { ["target"] = "x", ["_confirm"] = true });

        Assert.That(result.IsError, Is.True);
        Assert.That(McpClients.Structured(result).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("FORBIDDEN"));
        Assert.That((string?)AuditFile.Events(_factory.AuditPath, "tool_call").Single()["user_id"], Is.EqualTo("apikey:reader"));
    }

    [Test]
    public void McpClient_NoKey_FailsToConnect()
    {
        Assert.That(async () => await McpClients.ConnectAsync(_http, _factory.McpEndpoint), Throws.Exception);
    }
}
