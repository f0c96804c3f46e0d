using System.Text.Json;
using Burly.Host.Stdio.Tests.TestSupport;

namespace Burly.Host.Stdio.Tests.EndToEnd;

/// <summary>The operations guide's shell one-liners: no initialize, stdin closed right after the request.</summary>
[Category("EndToEnd")]
public sealed class OneLinerTests
{
    private BurlyProcess _burly = null!;

    [SetUp]
    public void SetUp() => _burly = new BurlyProcess();

    [TearDown]
    public void TearDown() => _burly.Dispose();

    [Test]
    public async Task ToolsListOneLiner_WithoutInitialize_PrintsTheToolList()
    {
        var (exit, stdout, _) = await _burly.ShellAsync("""echo '{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}' | $BURLY""");

        Assert.That(exit, Is.Zero);
        var response = JsonDocument.Parse(stdout.Trim()).RootElement;
        Assert.That(response.GetProperty("id").GetInt32(), Is.EqualTo(1));
        Assert.That(response.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()), Does.Contain("disk_space"));
    }

    [Test]
    public async Task ToolsCallOneLiner_WithoutInitialize_ReturnsTheToolResult()
    {
        var tool = "disk_space";
        var line = """echo '{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "TOOL", "arguments": {}}}' | $BURLY""".Replace("TOOL", tool, StringComparison.Ordinal);
        var (exit, stdout, _) = await _burly.ShellAsync(line);

        Assert.That(exit, Is.Zero);
        var result = JsonDocument.Parse(stdout.Trim()).RootElement.GetProperty("result");
        Assert.That(result.GetProperty("structuredContent").GetProperty("ok").GetBoolean(), Is.True);
    }

    [Test]
    [Category("Docker")]
    public async Task DockerPsOneLiner_WithoutInitialize_ReturnsTheRealContainers()
    {
        var (engineExit, engineNames, _) = await _burly.ShellAsync("docker ps --format '{{.Names}}'");
        if (engineExit != 0)
        {
            if (System.Environment.GetEnvironmentVariable("BURLY_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail("No Docker engine answers, and BURLY_REQUIRE_DOCKER=1: the docker_ps one-liner must be tested against a real engine.");
            }

            Assert.Ignore("No Docker engine answers; run scripts/lib/ensure-docker.sh to start one.");
        }

        var (exit, stdout, _) = await _burly.ShellAsync("""echo '{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "docker_ps", "arguments": {}}}' | $BURLY""");

        Assert.That(exit, Is.Zero);
        var data = JsonDocument.Parse(stdout.Trim()).RootElement.GetProperty("result").GetProperty("structuredContent").GetProperty("data");
        var names = data.GetProperty("containers").EnumerateArray().SelectMany(c => c.GetProperty("names").EnumerateArray().Select(n => n.GetString()!.TrimStart('/')));
        Assert.That(names, Is.EquivalentTo(engineNames.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Test]
    public async Task SeveralRequestsPipedAtOnce_AllAnswered_StdoutIsOnlyProtocol()
    {
        var (exit, stdout, _) = await _burly.ShellAsync("""
            printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"sh","version":"1"}}}' '{"jsonrpc":"2.0","method":"notifications/initialized"}' '' '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"disk_space","arguments":{}}}' | $BURLY
            """);

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(exit, Is.Zero);
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("jsonrpc").GetString()), Has.All.EqualTo("2.0"));
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt32()), Is.EquivalentTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task EmptyInput_ExitsCleanlyWithNothingOnStdout()
    {
        var (exit, stdout, _) = await _burly.ShellAsync("$BURLY < /dev/null");

        Assert.That((exit, stdout), Is.EqualTo((0, string.Empty)));
    }
}
