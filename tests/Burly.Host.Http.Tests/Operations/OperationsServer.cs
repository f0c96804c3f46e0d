using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Burly.Host.Http.Tests.Operations;

/// <summary>A real Kestrel server on a loopback port with Burly, MCP and the operations endpoints, as Program.cs wires them.</summary>
internal sealed partial class OperationsServer : IAsyncDisposable
{
    private OperationsServer(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public static async Task<OperationsServer> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var values = new Dictionary<string, string?>
        {
            ["Burly:DataDirectory"] = dataDirectory,
            ["Burly:Policy:File"] = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "echo-policy.yaml"),
            ["Burly:Docker:Socket"] = Path.Combine(dataDirectory, "no-docker.sock"),
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddBurly(builder.Configuration).AddToolPack<EchoPack>();
        builder.Services.AddBurlyPolicyReload();
        builder.Services.AddBurlyPrometheus(builder.Configuration);
        builder.Services.AddMcpServer().WithHttpTransport(o => o.Stateless = false).WithBurly("http");

        // The host's transport setup counts sessions in burly_mcp_active_connections.
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<ModelContextProtocol.AspNetCore.HttpServerTransportOptions>, Burly.Host.Http.Hosting.McpTransportSetup>();
        var app = builder.Build();
        app.MapMcp("/mcp");
        app.MapBurlyOperations();
        app.MapBurlyMetrics();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OperationsServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Parses Prometheus text into series (name{sorted labels}) → value.</summary>
    public static Dictionary<string, double> ParseMetrics(string text)
    {
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var m = SeriesLine().Match(line);
            if (!m.Success)
            {
                continue;
            }

            var labels = m.Groups["labels"].Success
                ? string.Join(",", LabelPair().Matches(m.Groups["labels"].Value).Select(p => p.Value).Order(StringComparer.Ordinal))
                : string.Empty;
            series[$"{m.Groups["name"].Value}{{{labels}}}"] = double.Parse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return series;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)")]
    private static partial Regex SeriesLine();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*""")]
    private static partial Regex LabelPair();
}
