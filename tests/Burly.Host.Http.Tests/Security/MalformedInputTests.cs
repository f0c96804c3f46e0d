using System.Net;
using System.Text;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Security;

/// <summary>Client input that used to reach an HTTP 500: each gets a proper, audited error instead.</summary>
public sealed class MalformedInputTests
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

    private static HttpRequestMessage RawPost(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    [Test]
    public async Task LegacyCall_LoneSurrogateInArgument_ReturnsInvalidArgumentsAndIsAudited()
    {
        var (response, body) = await _http.SendJsonAsync(RawPost("""{"id":"s1","method":"call_tool","name":"disk_space","args":{"path":"\ud800"}}"""));

        Assert.That((int)response.StatusCode, Is.LessThan(500));
        Assert.That((bool?)body["ok"], Is.False);
        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("INVALID_ARGUMENTS"));
        Assert.That(AuditFile.Events(_factory.AuditPath, "tool_call").Last()["error_code"]?.GetValue<string>(), Is.EqualTo("INVALID_ARGUMENTS"));
    }

    [Test]
    public async Task Initialize_NumericProtocolVersion_ReturnsInvalidParams()
    {
        var (response, body) = await _http.SendJsonAsync(RawPost("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":5,"capabilities":{},"clientInfo":{"name":"x","version":"1"}}}"""));

        Assert.That((int)response.StatusCode, Is.LessThan(500));
        Assert.That((int?)body["error"]!["code"], Is.EqualTo(-32602));
    }

    [TestCase("[1,2]")]
    [TestCase("\"text\"")]
    [TestCase("5")]
    public async Task ToolsCall_NonObjectArguments_ReturnsInvalidArgumentsAndIsAudited(string arguments)
    {
        var (response, body) = await _http.SendJsonAsync(RawPost("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":""" + arguments + "}}"));

        Assert.That((int)response.StatusCode, Is.LessThan(500));
        var text = body.ToJsonString();
        Assert.That(text, Does.Contain("INVALID_ARGUMENTS").Or.Contain("-32602"), text);
        Assert.That(text, Does.Not.Contain("-32603"));
        Assert.That(AuditFile.Events(_factory.AuditPath, "tool_call").Last()["error_code"]?.GetValue<string>(), Is.EqualTo("INVALID_ARGUMENTS"));
    }

    [Test]
    public async Task DiskSpace_MissingAndExistingHostPath_AnswerAlike()
    {
        var missing = "/etc/burly-no-such-dir-" + Guid.NewGuid().ToString("N");

        var (_, existing) = await _http.SendJsonAsync(RawPost("""{"id":"e","method":"call_tool","name":"disk_space","args":{"path":"/etc"}}"""));
        var (_, absent) = await _http.SendJsonAsync(RawPost("{\"id\":\"m\",\"method\":\"call_tool\",\"name\":\"disk_space\",\"args\":{\"path\":\"" + missing + "\"}}"));

        Assert.That((bool?)existing["ok"], Is.True, existing.ToJsonString());
        Assert.That((bool?)absent["ok"], Is.True, absent.ToJsonString());
        Assert.That((string?)absent["result"]!["data"]!["filesystems"]![0]!["mounted_on"], Is.EqualTo((string?)existing["result"]!["data"]!["filesystems"]![0]!["mounted_on"]));
    }
}
