using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Burly.Host.Stdio.Tests.TestSupport;

namespace Burly.Host.Stdio.Tests.Commands;

/// <summary>
/// METRICS_PORT and the stdio host: a bare <c>burly</c> (MCP clients, the guide's one-liners run by <c>docker exec</c>
/// next to a server that owns the port) never binds it; only an explicit <c>burly serve</c> does.
/// </summary>
[Category("EndToEnd")]
public sealed class ServeCommandMetricsTests
{
    private const string ToolsList = """echo '{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}' | $BURLY""";

    private BurlyProcess _burly = null!;

    [SetUp]
    public void SetUp() => _burly = new BurlyProcess();

    [TearDown]
    public void TearDown() => _burly.Dispose();

    [Test]
    public async Task OneLiner_MetricsPortAlreadyTaken_AnswersWithoutBinding()
    {
        // The server in the container owns METRICS_PORT; the one-liner must not try to bind it.
        using var owner = new TcpListener(IPAddress.Loopback, 0);
        owner.Start();
        _burly.Environment["METRICS_PORT"] = ((IPEndPoint)owner.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exit, stdout, stderr) = await _burly.ShellAsync(ToolsList);

        Assert.That(exit, Is.Zero, stderr);
        Assert.That(JsonDocument.Parse(stdout.Trim()).RootElement.GetProperty("result").GetProperty("tools").GetArrayLength(), Is.GreaterThan(0));
    }

    [TestCase("")]
    [TestCase("0")]
    public async Task OneLiner_MetricsPortEmptyOrZero_MeansOff(string value)
    {
        _burly.Environment["METRICS_PORT"] = value;

        var (exit, stdout, stderr) = await _burly.ShellAsync(ToolsList);
        var (validateExit, _, validateErr) = await _burly.RunAsync(["config", "validate"]);

        Assert.That(exit, Is.Zero, stderr);
        Assert.That(JsonDocument.Parse(stdout.Trim()).RootElement.GetProperty("result").GetProperty("tools").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(validateExit, Is.Zero, validateErr);
    }

    [Test]
    public async Task ExplicitServe_MetricsPortSet_ServesMetrics()
    {
        var port = FreePort();
        _burly.Environment["METRICS_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (command, prefix) = BurlyProcess.Launcher;
        var psi = new ProcessStartInfo(command, prefix.Append("serve")) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in _burly.Environment)
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var body = string.Empty;
            for (var i = 0; i < 100 && !body.Contains("burly_mcp_audit_log_size_bytes", StringComparison.Ordinal); i++)
            {
                try
                {
                    body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
                    await Task.Delay(100);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.That(body, Does.Contain("burly_mcp_audit_log_size_bytes"));
        }
        finally
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
