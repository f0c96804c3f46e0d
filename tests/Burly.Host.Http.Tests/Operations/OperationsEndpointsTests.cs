using System.Net;
using System.Text.Json.Nodes;
using Burly.Policy;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Burly.Host.Http.Tests.Operations;

public sealed class OperationsEndpointsTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "burly-http-ops-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static Dictionary<string, string?> HealthySettings() => new() { ["Burly:Policy:File"] = null };

    [Test]
    public async Task Health_AllChecksHealthy_200WithReport()
    {
        await using var server = await OperationsServer.StartAsync(_dir, HealthySettings());
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("healthy"), body.ToJsonString());
    }

    [Test]
    public async Task Health_DockerDown_200Degraded()
    {
        // The docker check comes with the Docker pack; the test policy enables a docker_* tool.
        await using var server = await OperationsServer.StartAsync(_dir, packs: b => b.AddDockerTools());
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri("/v1/health", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("degraded"));
        Assert.That(body["failed_checks"]!.AsArray().Select(n => n!.GetValue<string>()), Does.Contain("docker"));
    }

    [TestCase("/health")]
    [TestCase("/v1/health")]
    public async Task Health_AuditUnwritable_503(string path)
    {
        var blocker = Path.Combine(_dir, "blocker");
        await File.WriteAllTextAsync(blocker, "a file where a directory should be");
        await using var server = await OperationsServer.StartAsync(_dir, new Dictionary<string, string?> { ["Burly:Audit:Path"] = Path.Combine(blocker, "audit", "audit.jsonl") });
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(JsonNode.Parse(body)!["checks"]!["audit"]!["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(body, Does.Not.Contain(_dir));
    }

    [Test]
    public async Task HealthLive_Always200()
    {
        var blocker = Path.Combine(_dir, "blocker");
        await File.WriteAllTextAsync(blocker, "x");
        await using var server = await OperationsServer.StartAsync(_dir, new Dictionary<string, string?> { ["Burly:Audit:Path"] = Path.Combine(blocker, "a", "audit.jsonl") });
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Metrics_AfterKnownMcpCalls_CountersAndHistogramMatch()
    {
        await using var server = await OperationsServer.StartAsync(_dir);
        await using (var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(server.Address, "/mcp") })))
        {
            for (var i = 0; i < 3; i++)
            {
                await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "hi" });
            }

            try
            {
                await client.CallToolAsync("no_such_tool", new Dictionary<string, object?>());
            }
            catch (ModelContextProtocol.McpException)
            {
                // -32602: unknown tool (audited and counted first).
            }
        }

        using var http = new HttpClient { BaseAddress = server.Address };
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var series = OperationsServer.ParseMetrics(text);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.Multiple(() =>
        {
            Assert.That(series["burly_mcp_tool_executions_total{status=\"success\",tool_name=\"echo\"}"], Is.EqualTo(3));
            Assert.That(series["burly_mcp_tool_executions_total{status=\"invalid\",tool_name=\"(unknown)\"}"], Is.EqualTo(1));
            Assert.That(series["burly_mcp_denials_total{code=\"UNKNOWN_TOOL\",tool_name=\"(unknown)\"}"], Is.EqualTo(1));
            Assert.That(series["burly_mcp_tool_execution_seconds_count{tool_name=\"echo\"}"], Is.EqualTo(3));
            Assert.That(series["burly_mcp_tool_execution_seconds_bucket{le=\"+Inf\",tool_name=\"echo\"}"], Is.EqualTo(3));
            Assert.That(series["burly_mcp_tool_execution_seconds_sum{tool_name=\"echo\"}"], Is.GreaterThan(0));
            Assert.That(series["burly_mcp_tools_in_flight{}"], Is.EqualTo(0));
            Assert.That(series.Keys.Where(k => k.StartsWith("burly_mcp_build_info{version=", StringComparison.Ordinal)), Has.One.Items);
            Assert.That(series["burly_mcp_audit_log_size_bytes{}"], Is.EqualTo(new FileInfo(Path.Combine(_dir, "audit", "audit.jsonl")).Length));
            Assert.That(text, Does.Not.Contain("otel_scope_name"));
            Assert.That(text, Does.Not.Contain("target_info"));
        });
    }

    [Test]
    public async Task Metrics_StatefulSession_CountedAsActiveConnection()
    {
        await using var server = await OperationsServer.StartAsync(_dir);
        using var http = new HttpClient { BaseAddress = server.Address };
        async Task<double> Active() => OperationsServer.ParseMetrics(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)))
            .GetValueOrDefault("burly_mcp_active_connections{}");

        var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(server.Address, "/mcp") }),
            new McpClientOptions { ProtocolVersion = "2025-06-18" });
        var during = await Active();
        await client.DisposeAsync();

        // The session ends on the server after the client's DELETE; wait (bounded) for the gauge to drop.
        var after = during;
        for (var i = 0; i < 100 && after != 0; i++)
        {
            await Task.Delay(100);
            after = await Active();
        }

        Assert.That((during, after), Is.EqualTo((1.0, 0.0)));
    }

    [Test]
    public async Task Metrics_FreshStart_EveryKnownCounterSeriesAtZero()
    {
        // increase(x[5m]) > 0 only fires if the series existed before the first event: it must start at 0.
        await using var server = await OperationsServer.StartAsync(_dir, HealthySettings());
        using var http = new HttpClient { BaseAddress = server.Address };

        var series = OperationsServer.ParseMetrics(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

        double Value(string name) => series.TryGetValue(name, out var v) ? v : series.TryGetValue(name.Replace("{", "{", StringComparison.Ordinal) + "{}", out v) ? v : double.NaN;
        var expected = new[]
        {
            "burly_mcp_security_violations_total{type=\"path_escape\"}",
            "burly_mcp_security_violations_total{type=\"forbidden_container\"}",
            "burly_mcp_security_violations_total{type=\"forbidden_call\"}",
            "burly_mcp_security_violations_total{type=\"origin_rejected\"}",
            "burly_mcp_policy_reloads_total{result=\"success\"}",
            "burly_mcp_policy_reloads_total{result=\"failure\"}",
            "burly_mcp_confirmations_total{result=\"required\"}",
            "burly_mcp_confirmations_total{result=\"accepted\"}",
            "burly_mcp_confirmations_total{result=\"declined\"}",
            "burly_mcp_audit_write_failures_total",
            "burly_mcp_auth_failures_total",
            "burly_mcp_rate_limited_total",
        };
        Assert.That(expected.Select(e => (e, Value(e))), Is.EqualTo(expected.Select(e => (e, 0.0))), string.Join("\n", series.Keys));
    }

    [Test]
    public async Task Metrics_PolicyReload_CountedByResult()
    {
        await using var server = await OperationsServer.StartAsync(_dir);
        var reload = server.App.Services.GetRequiredService<PolicyReloadService>();
        await reload.ReloadAsync("test");

        using var http = new HttpClient { BaseAddress = server.Address };
        var series = OperationsServer.ParseMetrics(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

        Assert.That(series["burly_mcp_policy_reloads_total{result=\"unchanged\"}"], Is.EqualTo(1));
    }

    [Test]
    public async Task MetricsPort_Set_SecondListenerServesSameSeries()
    {
        var port = OperationsServer.FreePort();
        await using var server = await OperationsServer.StartAsync(_dir, new Dictionary<string, string?> { ["Burly:Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await using (var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(server.Address, "/mcp") })))
        {
            await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "x" });
        }

        using var http = new HttpClient();
        var series = OperationsServer.ParseMetrics(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")));

        Assert.That(series["burly_mcp_tool_executions_total{status=\"success\",tool_name=\"echo\"}"], Is.EqualTo(1));
    }

    [Test]
    public async Task MetricsPort_WildcardHost_ListenerStartsAndServesLoopback()
    {
        // Containers bind HOST=0.0.0.0 with METRICS_PORT=8080: the extra listener must accept every interface.
        var port = OperationsServer.FreePort();
        await using var server = await OperationsServer.StartAsync(_dir, new Dictionary<string, string?>
        {
            ["Burly:Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Burly:Http:Host"] = "0.0.0.0",
            ["Burly:Http:AllowAnonymous"] = "true",
        });

        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

        Assert.That(text, Does.Contain("burly_mcp_build_info"));
    }
}
