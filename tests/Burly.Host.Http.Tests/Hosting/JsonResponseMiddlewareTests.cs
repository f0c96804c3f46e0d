using System.Net;
using System.Text;
using Burly.Host.Http.Hosting;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Hosting;

/// <summary>Burly:Http:JsonResponses=true (stateless): one-message answers as plain application/json.</summary>
public sealed class JsonResponseMiddlewareTests
{
    private const string Call = """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"disk_space","arguments":{}}}""";

    [Test]
    public async Task Post_JsonResponsesOn_AnswersApplicationJsonWithLength()
    {
        using var factory = new BurlyHttpFactory(new Dictionary<string, string?> { ["Burly:Http:Stateless"] = "true", ["Burly:Http:JsonResponses"] = "true" });
        using var http = factory.CreateClient();

        var (response, body) = await http.PostJsonAsync("/mcp", Call);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Content.Headers.ContentLength, Is.GreaterThan(0));
        Assert.That((int?)body["id"], Is.EqualTo(5));
        Assert.That((bool?)body["result"]!["structuredContent"]!["ok"], Is.True);
    }

    [Test]
    public async Task Post_JsonOnlyAccept_IsServedInsteadOf406()
    {
        using var factory = new BurlyHttpFactory(new Dictionary<string, string?> { ["Burly:Http:Stateless"] = "true", ["Burly:Http:JsonResponses"] = "true" });
        using var http = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Call, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
    }

    [Test]
    public async Task Post_OptionOff_KeepsSdkEventStream()
    {
        using var factory = new BurlyHttpFactory(new Dictionary<string, string?> { ["Burly:Http:Stateless"] = "true" });
        using var http = factory.CreateClient();

        var (response, _) = await http.PostJsonAsync("/mcp", Call);

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
    }

    [Test]
    public async Task SdkClient_JsonResponsesOn_ListsAndCalls()
    {
        using var factory = new BurlyHttpFactory(new Dictionary<string, string?> { ["Burly:Http:Stateless"] = "true", ["Burly:Http:JsonResponses"] = "true" });
        using var http = factory.CreateClient();
        await using var client = await McpClients.ConnectAsync(http, factory.McpEndpoint);

        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("disk_space");

        Assert.That(tools, Is.Not.Empty);
        Assert.That(result.IsError, Is.Not.True);
    }

    [TestCase("event: message\ndata: {\"a\":1}\n\n", "{\"a\":1}")]
    [TestCase("event: message\r\ndata:{\"a\":1}\r\n\r\n", "{\"a\":1}")]
    [TestCase("event: message\ndata: {\"n\":1}\n\nevent: message\ndata: {\"a\":1}\n\n", null)]
    [TestCase("", null)]
    public void SingleEventData_Body_ReturnsTheOnlyDataOrNull(string sse, string? expected)
    {
        var bytes = Encoding.UTF8.GetBytes(sse);

        var found = JsonResponseMiddleware.SingleEventData(bytes);

        Assert.That(found is { } f ? Encoding.UTF8.GetString(bytes, f.Start, f.Length) : null, Is.EqualTo(expected));
    }
}
