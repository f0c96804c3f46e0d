using System.Net;
using System.Text.Json.Nodes;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Legacy;

/// <summary>The Python version's JSON requests on /mcp and /v1/mcp, answered with its envelope through the same pipeline.</summary>
public sealed class LegacyEndpointTests
{
    private BurlyHttpFactory _factory = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        _factory = new BurlyHttpFactory(new Dictionary<string, string?> { ["BURLYMCP_GIT_SHA"] = "abc1234", ["Burly:ServerVersion"] = "9.9.9" });
        _http = _factory.CreateClient();
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task CallTool_DirectShape_ReturnsEnvelopeFieldByField()
    {
        var (response, body) = await _http.PostJsonAsync("/mcp", """{"id":"req-1","method":"call_tool","name":"disk_space","args":{"path":"/"}}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That((string?)body["id"], Is.EqualTo("req-1"));
        Assert.That((bool?)body["ok"], Is.True);
        Assert.That((string?)body["result"]!["summary"], Does.StartWith("Found 1 filesystem"));
        Assert.That(body["result"]!["data"]!["filesystems"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(body["result"]!.AsObject().ContainsKey("need_confirm"), Is.False);
        Assert.That((double?)body["metrics"]!["elapsed_ms"], Is.GreaterThanOrEqualTo(0));
        Assert.That((int?)body["metrics"]!["exit_code"], Is.EqualTo(0));
        Assert.That((string?)body["meta"]!["api_version"], Is.EqualTo("v1"));
        Assert.That((string?)body["meta"]!["container_version"], Is.EqualTo("9.9.9"));
        Assert.That((string?)body["meta"]!["git_sha"], Is.EqualTo("abc1234"));
        Assert.That((string?)body["summary"], Is.EqualTo((string?)body["result"]!["summary"]));
        Assert.That(JsonNode.DeepEquals(body["data"], body["result"]!["data"]), Is.True);
        Assert.That(body.ContainsKey("error"), Is.False);
        Assert.That(body.ContainsKey("error_detail"), Is.False);
        Assert.That((string?)body["request_id"], Is.Not.Empty);
    }

    [Test]
    public async Task CallTool_ParamsWithArgs_PassesArguments()
    {
        var (_, body) = await _http.PostJsonAsync("/v1/mcp", """{"id":"2","method":"call_tool","params":{"name":"disk_space","args":{"path":"/"}}}""");

        Assert.That((bool?)body["ok"], Is.True);
        var record = AuditFile.Events(_factory.AuditPath, "tool_call").Last();
        Assert.That((string?)record["arguments"]!["path"], Is.EqualTo("/"));
        Assert.That((string?)record["client"]!["name"], Is.EqualTo("legacy-json"));
    }

    [Test]
    public async Task CallTool_ParamsWithArguments_PassesArguments()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":"3","method":"call_tool","params":{"name":"disk_space","arguments":{"path":"/"}}}""");

        Assert.That((bool?)body["ok"], Is.True);
        Assert.That((string?)AuditFile.Events(_factory.AuditPath, "tool_call").Last()["arguments"]!["path"], Is.EqualTo("/"));
    }

    [Test]
    public async Task ListTools_ParamsShape_ListsPolicyToolsWithSchemas()
    {
        var (response, body) = await _http.PostJsonAsync("/mcp", """{"id":"4","method":"list_tools","params":{}}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)body["summary"], Is.EqualTo("Available tools: 3 tools found"));
        var tools = body["result"]!["data"]!["tools"]!.AsArray();

        // test_ops_only is allowed only for the 'ops' key, so the anonymous caller is not shown it.
        Assert.That(tools.Select(t => (string?)t!["name"]), Is.EquivalentTo(new[] { "disk_space", "test_mutate", "test_slow" }));
        Assert.That((string?)tools.First(t => (string?)t!["name"] == "test_mutate")!["inputSchema"]!["required"]![0], Is.EqualTo("target"));
    }

    [Test]
    public async Task CallTool_NumericId_IsEchoedAsNumber()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":42,"method":"call_tool","name":"disk_space","args":{}}""");

        Assert.That(body["id"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Number));
        Assert.That((int?)body["id"], Is.EqualTo(42));
    }

    [Test]
    public async Task CallTool_StringId_IsEchoedAsString()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":"abc","method":"list_tools"}""");

        Assert.That(body["id"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.String));
        Assert.That((string?)body["id"], Is.EqualTo("abc"));
    }

    [Test]
    public async Task CallTool_MutatingWithoutConfirm_ReturnsNeedConfirmEnvelope()
    {
        var (response, body) = await _http.PostJsonAsync("/mcp", """{"id":"c1","method":"call_tool","name":"test_mutate","args":{"target":"web"}}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((bool?)body["ok"], Is.False);
        Assert.That((bool?)body["need_confirm"], Is.True);
        Assert.That((string?)body["summary"], Is.EqualTo("Confirmation required for test_mutate"));
        var block = body["result"]!["need_confirm"]!;
        Assert.That((bool?)block["required"], Is.True);
        Assert.That((string?)block["code"], Is.EqualTo("CONFIRMATION_REQUIRED"));
        Assert.That((string?)block["details"]!["required_arg"], Is.EqualTo("_confirm"));
        Assert.That((string?)block["details"]!["example"]!["method"], Is.EqualTo("call_tool"));
        Assert.That((bool?)block["details"]!["example"]!["args"]!["_confirm"], Is.True);
        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("CONFIRMATION_REQUIRED"));
        Assert.That((string?)body["error"], Is.EqualTo((string?)block["message"]));
        Assert.That((int?)body["metrics"]!["exit_code"], Is.EqualTo(1));
        Assert.That(_factory.ToolLog.Calls, Is.Empty);
    }

    [Test]
    public async Task CallTool_NeedConfirmThenConfirmArgument_RunsTool()
    {
        await _http.PostJsonAsync("/mcp", """{"id":"c1","method":"call_tool","name":"test_mutate","args":{"target":"web"}}""");

        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":"c2","method":"call_tool","name":"test_mutate","args":{"target":"web","_confirm":true}}""");

        Assert.That((bool?)body["ok"], Is.True, body.ToJsonString());
        Assert.That((string?)body["summary"], Is.EqualTo("Changed web"));
        Assert.That(_factory.ToolLog.Calls, Is.EqualTo(new[] { "test_mutate:web" }));
        var records = AuditFile.Events(_factory.AuditPath, "tool_call");
        Assert.That(records.Select(r => (string?)r["result"]), Is.EqualTo(new[] { "need_confirm", "success" }));
    }

    [Test]
    public async Task CallTool_UnknownTool_ReturnsUnknownToolEnvelope()
    {
        var (response, body) = await _http.PostJsonAsync("/mcp", """{"id":"u","method":"call_tool","name":"nope","args":{}}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((bool?)body["ok"], Is.False);
        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("UNKNOWN_TOOL"));
        Assert.That((string?)body["error"], Does.Contain("nope"));
    }

    [Test]
    public async Task CallTool_InvalidArguments_ReturnsInvalidArgumentsWithViolations()
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":"v","method":"call_tool","name":"disk_space","args":{"path":"/","bogus":1}}""");

        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("INVALID_ARGUMENTS"));
        Assert.That(body["error_detail"]!["details"]!["violations"]!.AsArray(), Is.Not.Empty);
    }

    [TestCase("""{"id":"m","method":"run_everything"}""", "Unsupported method")]
    [TestCase("""{"id":"m","method":"call_tool","args":{}}""", "Tool name is required")]
    [TestCase("""{"id":"m","method":"call_tool","name":"bad name!"}""", "invalid characters")]
    [TestCase("""{"id":"m","method":"call_tool","name":"disk_space","args":[1]}""", "'args' must be a JSON object")]
    [TestCase("""{"id":"m"}""", "Missing required field: method")]
    public async Task Request_Malformed_Returns400EnvelopeWithReason(string json, string reason)
    {
        var (response, body) = await _http.PostJsonAsync("/mcp", json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((bool?)body["ok"], Is.False);
        Assert.That((string?)body["id"], Is.EqualTo("m"));
        Assert.That((string?)body["error"], Does.Contain(reason));
        Assert.That((string?)body["error_detail"]!["summary"], Is.EqualTo("Request validation failed"));
    }

    [Test]
    public async Task JsonRpcBody_SamePath_IsServedByMcp()
    {
        var (response, body) = await _http.PostJsonAsync("/mcp", """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)body["result"]!["serverInfo"]!["name"], Is.EqualTo("burlymcp"));
        Assert.That(body.ContainsKey("ok"), Is.False);
    }
}
