using System.Net;
using System.Text;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Limits;

/// <summary>MAX_REQUEST_SIZE and the JSON depth/width limits, in process.</summary>
public sealed class RequestLimitTests
{
    private BurlyHttpFactory _factory = null!;
    private HttpClient _http = null!;

    [TearDown]
    public void TearDown()
    {
        _http?.Dispose();
        _factory?.Dispose();
    }

    [Test]
    public async Task Body11KiB_Returns413RequestTooLarge()
    {
        Start();
        var json = """{"id":"big","method":"call_tool","name":"disk_space","args":{"path":"/""" + new string('a', 11 * 1024) + "\"}}";

        var (response, body) = await _http.PostJsonAsync("/mcp", json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((string?)body["error"]!["data"]!["code"], Is.EqualTo("REQUEST_TOO_LARGE"));
        Assert.That((int?)body["error"]!["data"]!["max_size_bytes"], Is.EqualTo(10240));
    }

    [Test]
    public async Task Body11KiB_ChunkedWithoutLength_Returns413()
    {
        Start();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"x\":\"" + new string('a', 11 * 1024) + "\"}"))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await _http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task MaxRequestSizeRaised_11KiBBodyIsRead()
    {
        Start(new() { ["Burly:Limits:MaxRequestSize"] = "20000" });
        var json = """{"id":"big","method":"call_tool","name":"disk_space","args":{"path":"/""" + new string('a', 11 * 1024) + "\"}}";

        var (response, body) = await _http.PostJsonAsync("/mcp", json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("INVALID_ARGUMENTS")); // the schema's maxLength, not the size limit
    }

    [Test]
    public async Task DepthBomb_JsonRpc_Returns400WithoutReachingTheTool()
    {
        Start();
        var bomb = new string('[', 500) + new string(']', 500);
        var json = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"disk_space\",\"arguments\":{\"path\":" + bomb + "}}}";

        var (response, body) = await _http.PostJsonAsync("/mcp", json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((int?)body["error"]!["code"], Is.EqualTo(-32600));
        Assert.That((string?)body["error"]!["message"], Does.Contain("nested deeper than 24 levels"));
        Assert.That(AuditFile.Events(_factory.AuditPath, "tool_call"), Is.Empty);
    }

    [Test]
    public async Task DepthBomb_Legacy_Returns400Envelope()
    {
        Start();
        var bomb = new string('{', 1) + string.Concat(Enumerable.Repeat("\"a\":{", 300)) + new string('}', 301);
        var json = "{\"id\":\"deep\",\"method\":\"call_tool\",\"name\":\"disk_space\",\"args\":" + bomb + "}";

        var (response, body) = await _http.PostJsonAsync("/mcp", json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((bool?)body["ok"], Is.False);
        Assert.That((string?)body["summary"], Is.EqualTo("Request too complex"));
        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("INVALID_ARGUMENTS"));
    }

    [Test]
    public async Task WideArray_Returns400()
    {
        Start();
        var json = "{\"id\":\"w\",\"method\":\"call_tool\",\"name\":\"disk_space\",\"args\":{\"path\":[" + string.Join(',', Enumerable.Repeat("0", 1001)) + "]}}";

        var (response, body) = await _http.PostJsonAsync("/mcp", json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)body["error"], Does.Contain("more than 1000 elements"));
    }

    [Test]
    public async Task MalformedJson_IsAnsweredByMcpAsInvalidRequest()
    {
        Start();

        var (response, body) = await _http.PostJsonAsync("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((int?)body["error"]!["code"], Is.EqualTo(-32600));
    }

    private void Start(Dictionary<string, string?>? settings = null)
    {
        _factory = new BurlyHttpFactory(settings);
        _http = _factory.CreateClient();
    }
}
