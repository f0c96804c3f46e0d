using System.Diagnostics;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Faults;

/// <summary>
/// Issue 13 fault tests with the built HTTP host and real unix sockets: the Docker socket missing, and a socket that
/// accepts and never answers. Docker tools fail fast with a stable code (no 500, no host path), other tools keep
/// working, the concurrency slot is released, and <c>/health</c> answers within its check timeout.
/// </summary>
[NonParallelizable]
[Category("Faults")]
public sealed class DockerFaultProcessTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task HttpHost_DockerSocketMissing_DockerToolsFailFastOtherToolsWorkHealthDegraded()
    {
        using var directory = new TempDirectory();
        var socket = Path.Combine(directory.Path, "missing-docker.sock");
        await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
        {
            ["BURLY_DATA_DIR"] = directory.Path,
            ["DOCKER_HOST"] = "unix://" + socket,
            ["RATE_LIMIT_DISABLED"] = "true",
            ["NOTIFICATIONS_ENABLED"] = "false",
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        foreach (var tool in new[] { "docker_ps", "docker_inspect", "docker_logs" })
        {
            var args = tool == "docker_ps" ? null : new System.Text.Json.Nodes.JsonObject { ["container"] = "web" };
            var (body, text, elapsed) = await FaultHost.CallAsync(http, tool, args);
            TestContext.Out.WriteLine($"{tool}: {elapsed.TotalMilliseconds:F0} ms {FaultHost.Code(body)}");
            Assert.That(FaultHost.Code(body), Is.EqualTo("DEPENDENCY_UNAVAILABLE"), text);
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "a missing socket fails fast");
            Assert.That(text, Does.Not.Contain(directory.Path).And.Not.Contain("missing-docker.sock"), "no host path");
            Assert.That(text, Does.Contain("DOCKER_HOST"), "the message says what to fix");
        }

        var (read, readText, _) = await FaultHost.CallAsync(http, "disk_space");
        Assert.That((bool?)read["ok"], Is.True, readText);
        var (status, health, healthTime) = await FaultHost.HealthAsync(http);
        Assert.That(status, Is.EqualTo(200), health.ToJsonString());
        Assert.That((string?)health["checks"]!["docker"]!["status"], Is.EqualTo("degraded"));
        Assert.That((string?)health["status"], Is.Not.EqualTo("unhealthy"));
        Assert.That(health.ToJsonString(), Does.Not.Contain(directory.Path));
        Assert.That(healthTime, Is.LessThan(TimeSpan.FromSeconds(6)));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task HttpHost_DockerSocketNeverAnswers_CallTimesOutSlotReleasedHealthAnswers()
    {
        using var directory = new TempDirectory();
        using var engine = FaultHost.SilentServer.Unix(Path.Combine(directory.Path, "hung-docker.sock"));
        var policy = Path.Combine(directory.Path, "policy.yaml");
        await File.WriteAllTextAsync(policy, PolicyWithDockerPsTimeout(2));
        await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
        {
            ["BURLY_DATA_DIR"] = directory.Path,
            ["POLICY_FILE"] = policy,
            ["DOCKER_HOST"] = "unix://" + engine.SocketPath,
            ["DOCKER_TIMEOUT"] = "60", // longer than the tool's timeout_sec: the tool timeout must end the call
            ["MAX_CONCURRENT_TOOLS"] = "1",
            ["Burly__Limits__AdmissionTimeoutMs"] = "1000",
            ["RATE_LIMIT_DISABLED"] = "true",
            ["NOTIFICATIONS_ENABLED"] = "false",
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var (body, text, elapsed) = await FaultHost.CallAsync(http, "docker_ps");
        TestContext.Out.WriteLine($"docker_ps against a hung socket: {elapsed.TotalMilliseconds:F0} ms, {FaultHost.Code(body)}, accepted {engine.Accepted}");
        Assert.That(FaultHost.Code(body), Is.EqualTo("TIMEOUT"), text);
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(8)), "ends at the tool timeout (2 s), not DOCKER_TIMEOUT (60 s)");
        Assert.That(text, Does.Not.Contain(directory.Path));

        // The single slot is free again: a read-only call runs at once (not BUSY).
        var (read, readText, readTime) = await FaultHost.CallAsync(http, "disk_space");
        Assert.That((bool?)read["ok"], Is.True, "the concurrency slot was released: " + readText);
        Assert.That(readTime, Is.LessThan(TimeSpan.FromSeconds(3)));

        var clock = Stopwatch.StartNew();
        var (status, health, _) = await FaultHost.HealthAsync(http);
        TestContext.Out.WriteLine($"/health in {clock.ElapsedMilliseconds} ms: {health["checks"]?["docker"]?.ToJsonString()}");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(7)), "each check is bounded by its 5 s timeout");
        Assert.That(status, Is.AnyOf(200, 503));
        Assert.That((string?)health["checks"]!["docker"]!["status"], Is.Not.EqualTo("healthy"));

        // And again: a second hung call does not leak the slot either.
        var (second, _, _) = await FaultHost.CallAsync(http, "docker_ps");
        Assert.That(FaultHost.Code(second), Is.EqualTo("TIMEOUT"));
        var (again, againText, _) = await FaultHost.CallAsync(http, "disk_space");
        Assert.That((bool?)again["ok"], Is.True, againText);
    }

    /// <summary>The built-in default policy with <c>docker_ps</c>'s <c>timeout_sec</c> set to <paramref name="seconds"/>.</summary>
    internal static string PolicyWithDockerPsTimeout(int seconds)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "src", "Burly.Core", "Policy", "default-policy.yaml"));
        var block = text.IndexOf("  docker_ps:", StringComparison.Ordinal);
        var timeout = text.IndexOf("timeout_sec: 30", block, StringComparison.Ordinal);
        Assert.That(block, Is.GreaterThan(0));
        Assert.That(timeout, Is.GreaterThan(block));
        return text[..timeout] + $"timeout_sec: {seconds}" + text[(timeout + "timeout_sec: 30".Length)..];
    }
}
