using System.ComponentModel;
using System.Diagnostics;
using Burly.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Server;

namespace Burly.Benchmarks;

/// <summary>
/// Side-by-side stdio servers with the same echo tool — the bare MCP SDK and Burly's pipeline — and a driver that
/// times N calls against one of them (`Burly.Benchmarks drive serve-bare|serve-burly CALLS CONCURRENCY`): stdio throughput.
/// </summary>
internal static class EchoServers
{
    public static async Task<int> ServeBareAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddMcpServer().WithStdioServerTransport().WithTools<BareEchoTool>();
        await builder.Build().RunAsync();
        return 0;
    }

    public static async Task<int> ServeBurlyAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var dir = Path.Combine(Path.GetTempPath(), "burly-bench-stdio-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var policy = Path.Combine(dir, "tools.yaml");
        await File.WriteAllTextAsync(policy, "tools:\n  echo:\n    args_schema: { type: object, properties: { message: { type: string } }, required: [message], additionalProperties: false }\n");
        builder.Services.AddBurly(o =>
        {
            o.DataDirectory = dir;
            o.Policy.File = policy;
        }).AddToolPack<PipelineBenchmarks.EchoPack>();
        builder.Services.AddMcpServer().WithStdioServerTransport().WithBurly("stdio");
        await builder.Build().RunAsync();
        return 0;
    }

    public static async Task<int> DriveAsync(string mode, int calls, int concurrency)
    {
        // The benchmark executable is its own server: the same binary runs either echo server.
        var transport = new StdioClientTransport(new StdioClientTransportOptions { Command = Environment.ProcessPath!, Arguments = [mode], Name = mode });
        await using var client = await McpClient.CreateAsync(transport);
        var warm = new Dictionary<string, object?> { ["message"] = "warm" };
        for (var i = 0; i < 50; i++)
        {
            await client.CallToolAsync("echo", warm);
        }

        var stopwatch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < calls)
            {
                var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "hello" });
                if (result.IsError == true)
                {
                    throw new InvalidOperationException("echo failed");
                }
            }
        }));
        stopwatch.Stop();
        Console.WriteLine($"{mode} calls={calls} concurrency={concurrency} seconds={stopwatch.Elapsed.TotalSeconds:F3} calls_per_second={calls / stopwatch.Elapsed.TotalSeconds:F0}");
        return 0;
    }

    [McpServerToolType]
    public sealed class BareEchoTool
    {
        [McpServerTool(Name = "echo", ReadOnly = true)]
        [Description("Echo.")]
        public static string Echo(string message) => message;
    }
}
