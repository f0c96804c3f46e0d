using System.Text.Json;
using Burly.Host.Stdio.Tests.TestSupport;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Stdio.Tests.EndToEnd;

/// <summary>The built <c>burly</c> process driven by the official MCP C# SDK client over stdio.</summary>
[Category("EndToEnd")]
public sealed class StdioMcpTests
{
    private BurlyProcess _burly = null!;

    [SetUp]
    public void SetUp() => _burly = new BurlyProcess();

    [TearDown]
    public void TearDown() => _burly.Dispose();

    [TestCase("2024-11-05")]
    [TestCase("2025-03-26")]
    [TestCase("2025-06-18")]
    [TestCase("2025-11-25")]
    [TestCase("2026-07-28")]
    public async Task Initialize_EachProtocolVersion_IsNegotiated(string version)
    {
        await using var client = await _burly.ConnectAsync(new McpClientOptions { ProtocolVersion = version });

        var tools = await client.ListToolsAsync();

        Assert.That(client.NegotiatedProtocolVersion, Is.EqualTo(version));
        Assert.That(client.ServerInfo?.Name, Is.EqualTo("burlymcp"));
        Assert.That(tools.Select(t => t.Name), Does.Contain("disk_space"));
    }

    [Test]
    public async Task ListTools_DefaultPolicy_ShowsPolicySchemaAndAnnotations()
    {
        await using var client = await _burly.ConnectAsync();

        var tools = await client.ListToolsAsync();

        var disk = tools.Single(t => t.Name == "disk_space");
        Assert.That(disk.ProtocolTool.Annotations?.ReadOnlyHint, Is.True);
        Assert.That(disk.ProtocolTool.Annotations?.DestructiveHint, Is.False);
        Assert.That(disk.JsonSchema.GetProperty("properties").TryGetProperty("threshold_percent", out _), Is.True);
    }

    [Test]
    public async Task CallTool_DiskSpace_ReturnsStructuredContent()
    {
        await using var client = await _burly.ConnectAsync();

        var result = await client.CallToolAsync("disk_space", new Dictionary<string, object?> { ["path"] = "/" });

        Assert.That(result.IsError, Is.Not.True);
        var structured = result.StructuredContent!.Value;
        Assert.That(structured.GetProperty("ok").GetBoolean(), Is.True);
        Assert.That(structured.GetProperty("data").GetProperty("filesystems").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task CallTool_InvalidArguments_IsErrorWithCode()
    {
        await using var client = await _burly.ConnectAsync();

        var result = await client.CallToolAsync("disk_space", new Dictionary<string, object?> { ["threshold_percent"] = 500, ["bogus"] = true });

        Assert.That(result.IsError, Is.True);
        var error = result.StructuredContent!.Value.GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("INVALID_ARGUMENTS"));
        Assert.That(error.GetProperty("details").GetProperty("violations").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task CallTool_UnknownTool_IsJsonRpcInvalidParamsAndAudited()
    {
        await using (var client = await _burly.ConnectAsync())
        {
            var ex = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.CallToolAsync("rm_rf", new Dictionary<string, object?>()));

            Assert.That(ex!.ErrorCode, Is.EqualTo(McpErrorCode.InvalidParams));
        }

        var records = File.ReadAllLines(_burly.AuditPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(records.Any(r => r.GetProperty("tool_name").GetString() == "rm_rf" && r.GetProperty("error_code").GetString() == "UNKNOWN_TOOL"), Is.True);
    }

    [Test]
    public async Task CallTool_Audit_RecordsStdioTransportClientAndSession()
    {
        await using (var client = await _burly.ConnectAsync(new McpClientOptions { ClientInfo = new Implementation { Name = "e2e-client", Version = "9.9" } }))
        {
            await client.CallToolAsync("disk_space", new Dictionary<string, object?>());
        }

        var call = File.ReadAllLines(_burly.AuditPath).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(r => r.GetProperty("event_type").GetString() == "tool_call");
        Assert.That(call.GetProperty("transport").GetString(), Is.EqualTo("stdio"));
        Assert.That(call.GetProperty("client").GetProperty("name").GetString(), Is.EqualTo("e2e-client"));
        Assert.That(call.GetProperty("user_id").GetString(), Does.StartWith("local:"));
    }

    [TestCase("accept", true)]
    [TestCase("decline", false)]
    public async Task CallTool_MutatingToolWithElicitation_RunsOnlyWhenTheUserAccepts(string action, bool published)
    {
        var stage = Path.Combine(_burly.DataDirectory, "stage");
        var publish = Path.Combine(_burly.DataDirectory, "publish");
        Directory.CreateDirectory(stage);
        Directory.CreateDirectory(publish);
        await File.WriteAllTextAsync(Path.Combine(stage, "hello.md"), "---\ntitle: Hello\ndate: 2026-11-25\ntags: [ops]\n---\nBody\n");
        _burly.Environment["BLOG_STAGE_ROOT"] = stage;
        _burly.Environment["BLOG_PUBLISH_ROOT"] = publish;
        string? question = null;
        var options = new McpClientOptions
        {
            Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability { Form = new FormElicitationCapability() } },
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) =>
                {
                    question = request?.Message;
                    return ValueTask.FromResult(new ElicitResult
                    {
                        Action = action,
                        Content = action == "accept" ? new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } : null,
                    });
                },
            },
        };

        await using (var client = await _burly.ConnectAsync(options))
        {
            var result = await client.CallToolAsync("blog_publish_static", new Dictionary<string, object?> { ["source_files"] = new[] { "hello.md" } });

            Assert.That(result.IsError is true, Is.EqualTo(!published));
        }

        Assert.That(question, Does.Contain("blog_publish_static").And.Contain("hello.md"));
        Assert.That(File.Exists(Path.Combine(publish, "hello.md")), Is.EqualTo(published));
        var call = File.ReadAllLines(_burly.AuditPath).Select(l => JsonDocument.Parse(l).RootElement).Last(r => r.GetProperty("event_type").GetString() == "tool_call");
        Assert.That(call.GetProperty("security_context").GetProperty("confirmation_method").GetString(), Is.EqualTo("elicitation"));
        Assert.That(call.GetProperty("result").GetString(), Is.EqualTo(published ? "success" : "denied"));
    }

    [Test]
    public async Task CallTool_ApprovalOnlyTool_RunsAfterAnOperatorApprovesOnTheCli()
    {
        var stage = Path.Combine(_burly.DataDirectory, "stage");
        var publish = Path.Combine(_burly.DataDirectory, "publish");
        Directory.CreateDirectory(stage);
        await File.WriteAllTextAsync(Path.Combine(stage, "hello.md"), "---\ntitle: Hello\ndate: 2026-11-25\ntags: [ops]\n---\nBody\n");
        _burly.Environment["BLOG_STAGE_ROOT"] = stage;
        _burly.Environment["BLOG_PUBLISH_ROOT"] = publish;
        _burly.Environment["POLICY_FILE"] = Path.Combine(AppContext.BaseDirectory, "TestData", "approval-policy.yaml");
        await using var client = await _burly.ConnectAsync();
        var arguments = new Dictionary<string, object?> { ["source_files"] = new[] { "hello.md" } };

        var first = await client.CallToolAsync("blog_publish_static", arguments);
        var approvalId = first.StructuredContent!.Value.GetProperty("error").GetProperty("details").GetProperty("approval_id").GetString()!;
        var (approveExit, _, _) = await _burly.RunAsync(["approvals", "approve", approvalId]);
        arguments["_confirm"] = approvalId;
        var second = await client.CallToolAsync("blog_publish_static", arguments);

        Assert.That(approveExit, Is.Zero);
        Assert.That(second.IsError, Is.Not.True);
        Assert.That(File.Exists(Path.Combine(publish, "hello.md")), Is.True);
    }
}
