using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Burly.Benchmarks;

/// <summary>
/// Bytes and time per MCP tools/call, end to end in one process: the official SDK client calls a one-line echo tool on
/// an in-memory stream transport, served by the bare SDK (an attributed tool) or by Burly (the pipeline with audit on,
/// and with audit off). Client, JSON-RPC framing and transport are identical, so the difference is what Burly adds.
/// MemoryDiagnoser counts every thread's allocations (GC.GetTotalAllocatedBytes), the server's included.
/// Run: dotnet run -c Release --project benchmarks/Burly.Benchmarks -- --filter '*McpCall*' --job short
/// </summary>
[MemoryDiagnoser]
public class McpCallBenchmarks
{
    private static readonly Dictionary<string, object?> Arguments = new() { ["message"] = "hello" };
    private readonly List<IHost> _hosts = [];
    private McpClient _bare = null!;
    private McpClient _burly = null!;
    private McpClient _burlyNoAudit = null!;
    private string _directory = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "burly-bench-mcp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var policy = Path.Combine(_directory, "tools.yaml");
        await File.WriteAllTextAsync(policy, "tools:\n  echo:\n    args_schema: { type: object, properties: { message: { type: string, maxLength: 100 } }, required: [message], additionalProperties: false }\n");
        _bare = await StartAsync(mcp => mcp.WithTools<EchoServers.BareEchoTool>(), _ => { });
        _burly = await StartAsync(mcp => mcp.WithBurly("stdio"), services => AddBurly(services, policy, audit: true));
        _burlyNoAudit = await StartAsync(mcp => mcp.WithBurly("stdio"), services => AddBurly(services, policy, audit: false));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _bare.DisposeAsync();
        await _burly.DisposeAsync();
        await _burlyNoAudit.DisposeAsync();
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<object> BareSdk() => CallAsync(_bare);

    [Benchmark]
    public Task<object> BurlyWithAudit() => CallAsync(_burly);

    [Benchmark]
    public Task<object> BurlyWithoutAudit() => CallAsync(_burlyNoAudit);

    private static async Task<object> CallAsync(McpClient client)
    {
        var result = await client.CallToolAsync("echo", Arguments);
        return result.IsError == true ? throw new InvalidOperationException("echo failed") : result;
    }

    private void AddBurly(IServiceCollection services, string policy, bool audit) =>
        services.AddBurly(o =>
        {
            o.DataDirectory = Path.Combine(_directory, audit ? "audit-on" : "audit-off");
            o.Policy.File = policy;
            o.Audit.Enabled = audit;
        }).AddToolPack<PipelineBenchmarks.EchoPack>();

    private async Task<McpClient> StartAsync(Action<IMcpServerBuilder> tools, Action<IServiceCollection> services)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging(l => l.ClearProviders());
        services(builder.Services);
        tools(builder.Services.AddMcpServer().WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream()));
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        return await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()));
    }
}
