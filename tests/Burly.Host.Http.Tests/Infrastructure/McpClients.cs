using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Http.Tests.Infrastructure;

/// <summary>Connects the official MCP C# SDK client over streamable HTTP.</summary>
internal static class McpClients
{
    public static Task<McpClient> ConnectAsync(HttpClient http, Uri endpoint, string? apiKey = null, Func<ElicitRequestParams?, ElicitResult>? elicit = null, string? protocolVersion = null)
    {
        var headers = new Dictionary<string, string>();
        if (apiKey is not null)
        {
            headers["Authorization"] = "Bearer " + apiKey;
        }

        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
            Name = "burly-tests",
        }, http, NullLoggerFactory.Instance, ownsHttpClient: false);

        var options = new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "burly-http-tests", Version = "1.0.0" },
            ProtocolVersion = protocolVersion,
        };
        if (elicit is not null)
        {
            options.Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() };
            options.Handlers = new McpClientHandlers { ElicitationHandler = (request, _) => ValueTask.FromResult(elicit(request)) };
        }

        return McpClient.CreateAsync(transport, options);
    }

    public static ElicitResult Accept(ElicitRequestParams? _) => new()
    {
        Action = "accept",
        Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) },
    };

    public static ElicitResult Decline(ElicitRequestParams? _) => new() { Action = "decline" };

    /// <summary>Returns <c>structuredContent</c> of a result.</summary>
    public static JsonElement Structured(CallToolResult result) =>
        result.StructuredContent ?? throw new AssertionException("The result has no structuredContent.");
}
