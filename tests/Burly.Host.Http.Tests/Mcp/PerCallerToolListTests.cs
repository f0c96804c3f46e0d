using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Mcp;

/// <summary>tools/list (MCP, stateful and stateless) and the legacy list_tools show each caller only what it may call.</summary>
[TestFixture(false)]
[TestFixture(true)]
public sealed class PerCallerToolListTests(bool stateless)
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
            ["Burly:Http:ApiKeys"] = $"ops:{OpsKey},reader:{ReaderKey}:ro,scoped:{ScopedKey}:tools=disk_*",
            ["Burly:Http:Stateless"] = stateless ? "true" : "false",
        });
        _http = _factory.CreateClient();
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    [TestCase(OpsKey, new[] { "disk_space", "test_mutate", "test_slow", "test_ops_only" })]
    [TestCase(ReaderKey, new[] { "disk_space", "test_slow" })]
    [TestCase(ScopedKey, new[] { "disk_space" })]
    public async Task ListTools_Key_ShowsOnlyCallableTools(string key, string[] expected)
    {
        await using var client = await McpClients.ConnectAsync(_http, _factory.McpEndpoint, apiKey: key);

        var tools = await client.ListToolsAsync();

        Assert.That(tools.Select(t => t.Name), Is.EquivalentTo(expected));
    }

    [TestCase(OpsKey, new[] { "disk_space", "test_mutate", "test_slow", "test_ops_only" })]
    [TestCase(ReaderKey, new[] { "disk_space", "test_slow" })]
    [TestCase(ScopedKey, new[] { "disk_space" })]
    public async Task LegacyListTools_Key_ShowsOnlyCallableTools(string key, string[] expected)
    {
        var (_, body) = await _http.PostJsonAsync("/mcp", """{"id":"l","method":"list_tools"}""", apiKey: key);

        var names = body["data"]!["tools"]!.AsArray().Select(t => (string?)t!["name"]);
        Assert.That(names, Is.EquivalentTo(expected), body.ToJsonString());
        Assert.That((int?)body["data"]!["count"], Is.EqualTo(expected.Length));
    }
}
