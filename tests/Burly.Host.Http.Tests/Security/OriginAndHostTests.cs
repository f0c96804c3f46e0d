using System.Net;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Security;

/// <summary>The MCP spec's HTTP rules the SDK leaves to the host: Origin (403) and Host (400), and no docs endpoints.</summary>
public sealed class OriginAndHostTests
{
    private const string ListTools = """{"id":"o","method":"list_tools"}""";
    private BurlyHttpFactory _factory = null!;
    private HttpClient _http = null!;

    [TearDown]
    public void TearDown()
    {
        _http?.Dispose();
        _factory?.Dispose();
    }

    [Test]
    public async Task Origin_Foreign_Returns403()
    {
        Start();
        var request = HttpExtensions.Post("/mcp", ListTools);
        request.Headers.Add("Origin", "http://evil.example");

        var (response, body) = await _http.SendJsonAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((string?)body["error"]!["data"]!["code"], Is.EqualTo("FORBIDDEN"));
    }

    [TestCase("http://localhost:3000")]
    [TestCase("http://127.0.0.1:6274")]
    [TestCase("http://[::1]:8080")]
    public async Task Origin_Loopback_IsServed(string origin)
    {
        Start();
        var request = HttpExtensions.Post("/mcp", ListTools);
        request.Headers.Add("Origin", origin);

        var (response, _) = await _http.SendJsonAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Origin_Configured_IsServed()
    {
        Start(new() { ["Burly:Http:AllowedOrigins:0"] = "https://console.example.org" });
        var request = HttpExtensions.Post("/mcp", ListTools);
        request.Headers.Add("Origin", "https://console.example.org");

        var (response, _) = await _http.SendJsonAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Host_Foreign_Returns400()
    {
        Start();
        var request = HttpExtensions.Post("/mcp", ListTools);
        request.Headers.Host = "evil.example";

        using var response = await _http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Host_ListedInAllowedHosts_IsServed()
    {
        Start(new() { ["AllowedHosts"] = "burly.internal" });
        var request = HttpExtensions.Post("/mcp", ListTools);
        request.Headers.Host = "burly.internal";

        var (response, _) = await _http.SendJsonAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/docs")]
    [TestCase("/redoc")]
    [TestCase("/openapi.json")]
    [TestCase("/openapi/v1.json")]
    [TestCase("/swagger")]
    public async Task DocsEndpoints_DoNotExist(string path)
    {
        Start();

        using var response = await _http.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private void Start(Dictionary<string, string?>? settings = null)
    {
        _factory = new BurlyHttpFactory(settings);
        _http = _factory.CreateClient();
    }
}
