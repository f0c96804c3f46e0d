using Burly.Host.Http.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Http.Tests.Resources;

/// <summary>Resources and prompts from packs over MCP (real SDK client): per-caller lists, authorised, bounded, audited reads.</summary>
public sealed class McpReadTests
{
    private const string OpsKey = "ops-key-0123456789abcdef";
    private const string ReaderKey = "reader-key-0123456789abcdef";
    private const string ScopedKey = "scoped-key-0123456789abcdef";

    private BurlyHttpFactory _factory = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        _factory = new BurlyHttpFactory(new Dictionary<string, string?>
        {
            ["Burly:Policy:File"] = TestPaths.TestData("reads-policy.yaml"),
            ["Burly:Http:ApiKeys"] = $"ops:{OpsKey},reader:{ReaderKey}:ro,scoped:{ScopedKey}:tools=disk_*",
        });
        _http = _factory.CreateClient();
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    [TestCase(OpsKey, new[] { "burly_policy", "burly_audit_recent" }, new[] { "triage_unhealthy_container" })]
    [TestCase(ReaderKey, new[] { "burly_policy" }, new string[0])]
    [TestCase(ScopedKey, new string[0], new string[0])]
    public async Task ListResourcesAndPrompts_Key_ShowsOnlyWhatTheCallerMayRead(string key, string[] resources, string[] prompts)
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, apiKey: key);

        var listed = await client.ListResourcesAsync();
        var templates = await client.ListResourceTemplatesAsync();
        var listedPrompts = await client.ListPromptsAsync();

        Assert.That(listed.Select(r => r.Name), Is.EquivalentTo(resources));
        Assert.That(templates, Is.Empty, "docker_container_logs is disabled by the policy");
        Assert.That(listedPrompts.Select(p => p.Name), Is.EquivalentTo(prompts));
    }

    [Test]
    public async Task ReadResource_CallerNotAllowed_ForbiddenAndAudited()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, apiKey: ReaderKey);

        var ex = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync("burly://audit/recent"));

        Assert.That(ex!.Message, Does.Contain("FORBIDDEN").And.Contain("ops"));
        var record = AuditFile.Events(_factory.AuditPath, "resource_read").Single();
        Assert.That((string?)record["result"], Is.EqualTo("denied"));
        Assert.That((string?)record["error_code"], Is.EqualTo("FORBIDDEN"));
        Assert.That((string?)record["user_id"], Is.EqualTo("apikey:reader"));
        Assert.That((string?)record["tool_name"], Is.EqualTo("burly_audit_recent"));
    }

    [Test]
    public async Task ReadResource_Allowed_BoundedByMaxBytesAndAudited()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, apiKey: OpsKey);
        for (var i = 0; i < 10; i++)
        {
            await client.ReadResourceAsync("burly://policy"); // Fills the audit log beyond 2048 bytes.
        }

        var result = await client.ReadResourceAsync("burly://audit/recent");

        var text = ((TextResourceContents)result.Contents.Single()).Text;
        Assert.That(System.Text.Encoding.UTF8.GetByteCount(text), Is.LessThanOrEqualTo(2048));
        Assert.That(text, Does.Contain("\"event_type\":\"resource_read\""));
        var last = AuditFile.Events(_factory.AuditPath, "resource_read").Last();
        Assert.That((string?)last["result"], Is.EqualTo("success"));
        Assert.That((long?)last["output_size"], Is.LessThanOrEqualTo(2048).And.GreaterThan(0));
        Assert.That((string?)last["details"]!["uri"], Is.EqualTo("burly://audit/recent"));
    }

    [Test]
    public async Task ReadResource_TextLargerThanMaxBytes_TruncatedAndAuditedAsTruncated()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, apiKey: OpsKey);

        var result = await client.ReadResourceAsync("burly://policy");

        var text = ((TextResourceContents)result.Contents.Single()).Text;
        Assert.That(System.Text.Encoding.UTF8.GetByteCount(text), Is.LessThanOrEqualTo(300));
        var record = AuditFile.Events(_factory.AuditPath, "resource_read").Single();
        Assert.That((bool?)record["output_truncated"], Is.True);
    }

    [Test]
    public async Task ReadResource_UnknownUri_ResourceNotFoundAndAudited()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, apiKey: OpsKey);

        var ex = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync("docker://containers/web/logs"));

        Assert.That(ex!.ErrorCode, Is.EqualTo(McpErrorCode.ResourceNotFound));
        Assert.That((string?)AuditFile.Events(_factory.AuditPath, "resource_read").Single()["error_code"], Is.EqualTo("UNKNOWN_TOOL"));
    }

    [Test]
    public async Task GetPrompt_MissingRequiredArgument_InvalidArgumentsAndAudited()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, apiKey: OpsKey);

        var ex = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.GetPromptAsync("triage_unhealthy_container"));

        Assert.That(ex!.Message, Does.Contain("container").And.Contain("INVALID_ARGUMENTS"));
        Assert.That((string?)AuditFile.Events(_factory.AuditPath, "prompt_get").Single()["result"], Is.EqualTo("invalid"));
    }

    [Test]
    public async Task GetPrompt_Allowed_SubstitutesArgumentAndAudits()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, apiKey: OpsKey);

        var result = await client.GetPromptAsync("triage_unhealthy_container", new Dictionary<string, object?> { ["container"] = "web-1" });

        Assert.That(((TextContentBlock)result.Messages.Single().Content).Text, Does.Contain("docker://containers/web-1/logs"));
        var record = AuditFile.Events(_factory.AuditPath, "prompt_get").Single();
        Assert.That((string?)record["result"], Is.EqualTo("success"));
        Assert.That((string?)record["arguments"]!["container"], Is.EqualTo("web-1"));
    }

    [Test]
    public async Task GetPrompt_ReadOnlyKeyNotInAllow_Forbidden()
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, apiKey: ReaderKey);

        var ex = await Assert.ThrowsAsync<McpProtocolException>(async () =>
            await client.GetPromptAsync("triage_unhealthy_container", new Dictionary<string, object?> { ["container"] = "web-1" }));

        Assert.That(ex!.Message, Does.Contain("FORBIDDEN"));
    }
}
