using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Burly.Core.Tests.TestSupport;

/// <summary>A real Burly MCP server (SDK server + pipeline) and a real SDK client, connected by in-memory pipes.</summary>
public sealed class InProcessMcp : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessMcp(IHost host, McpClient client, string directory, TestToolPack pack)
    {
        _host = host;
        Client = client;
        Directory = directory;
        Pack = pack;
    }

    public McpClient Client { get; }

    public string Directory { get; }

    public TestToolPack Pack { get; }

    public IServiceProvider Services => _host.Services;

    public IReadOnlyList<JsonObject> ReadAudit()
    {
        var path = Path.Combine(Directory, "audit", "audit.jsonl");
        return File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];
    }

    public static async Task<InProcessMcp> StartAsync(string policyYaml, McpClientOptions? clientOptions = null, Action<BurlyOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "burly-mcp-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var policyFile = Path.Combine(directory, "tools.yaml");
        await File.WriteAllTextAsync(policyFile, policyYaml);

        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var pack = new TestToolPack();
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton(pack);
        builder.Services.AddBurly(o =>
        {
            o.DataDirectory = directory;
            o.Policy.File = policyFile;
            configure?.Invoke(o);
        }).AddToolPack<TestToolPackAdapter>();
        builder.Services.AddMcpServer()
            .WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream())
            .WithBurly("stdio");
        var host = builder.Build();
        await host.StartAsync();

        var client = await McpClient.CreateAsync(
            new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()),
            clientOptions);
        return new InProcessMcp(host, client, directory, pack);
    }

    public static McpClientOptions WithElicitation(Func<ElicitRequestParams?, ElicitResult> answer, string? protocolVersion = null) => new()
    {
        ProtocolVersion = protocolVersion,
        Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability { Form = new FormElicitationCapability() } },
        Handlers = new McpClientHandlers { ElicitationHandler = (request, _) => ValueTask.FromResult(answer(request)) },
    };

    public void SwapPolicy(string yaml)
    {
        var file = Path.Combine(Directory, "tools.yaml");
        File.WriteAllText(file, yaml);
        var store = Services.GetRequiredService<PolicyStore>();
        store.Swap(store.LoadFromSources());
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
