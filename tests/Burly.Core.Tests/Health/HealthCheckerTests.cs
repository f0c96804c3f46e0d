using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Burly.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Burly.Core.Tests.Health;

public sealed class HealthCheckerTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = OpsTestHost.CreateTempDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private async Task<BurlyHealthReport> CheckAsync(Action<Burly.Configuration.BurlyOptions>? configure = null, bool opsPolicy = true,
        Action<Burly.Configuration.DockerOptions>? docker = null, Action<Burly.Configuration.BlogOptions>? blog = null, Action<Burly.Configuration.GotifyOptions>? gotify = null)
    {
        await using var services = OpsTestHost.Build(_dir, configure, opsPolicy, docker: docker, blog: blog, gotify: gotify);
        return await services.GetRequiredService<HealthChecker>().CheckAsync();
    }

    // The Docker and Blog packs are registered: a policy enabling none of their tools keeps them "not used".
    private string NoPackToolsPolicy()
    {
        var file = Path.Combine(_dir, "no-pack-tools.yaml");
        File.WriteAllText(file, "tools: {}\n");
        return file;
    }

    private static JsonObject Check(BurlyHealthReport report, string name) => report.Json["checks"]![name]!.AsObject();

    [Test]
    public async Task CheckAsync_StrictSecurityMode_IsReported()
    {
        var strict = await CheckAsync(o => o.StrictSecurityMode = true, opsPolicy: false);
        var relaxed = await CheckAsync(opsPolicy: false);

        Assert.That(strict.Json["strict_security_mode"]!.GetValue<bool>(), Is.True);
        Assert.That(relaxed.Json["strict_security_mode"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task CheckAsync_WorkingSetup_HealthyInContractShape()
    {
        var report = await CheckAsync(o => o.Policy.File = NoPackToolsPolicy(), opsPolicy: false);

        Assert.That(report.Status, Is.EqualTo(HealthStatus.Healthy), report.Json.ToJsonString());
        Assert.That(report.Json["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        Assert.That(report.Json["timestamp"]!.GetValue<string>(), Does.EndWith("+00:00"));
        Assert.That(report.Json["failed_checks"]!.AsArray(), Is.Empty);
        var checks = report.Json["checks"]!.AsObject();
        Assert.That(checks.Select(c => c.Key), Is.EquivalentTo(new[] { "config", "policy", "audit", "docker", "blog", "notifications" }));
        foreach (var (_, check) in checks)
        {
            Assert.That(check!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
            Assert.That(check["duration_ms"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(0));
            Assert.That(check["details"], Is.Not.Null);
        }
    }

    [Test]
    public async Task CheckAsync_AnyOutcome_ReportHasNoAbsolutePathsOrSecrets()
    {
        var report = await CheckAsync(o =>
        {
            o.Notifications.Enabled = true;
            o.Notifications.Providers = ["gotify"];
        }, gotify: g =>
        {
            g.Url = "http://127.0.0.1:1/";
            g.Token = "s3cr3t-gotify-token";
        });

        var text = report.Json.ToJsonString();
        Assert.That(text, Does.Not.Contain(_dir));
        Assert.That(text, Does.Not.Contain("s3cr3t-gotify-token"));
        Assert.That(text, Does.Not.Contain("no-docker.sock"));
    }

    [Test]
    public async Task Audit_DirectoryUnderRegularFile_Unhealthy()
    {
        // Tests run as root, so permissions cannot make a directory unwritable: a regular file in the path can.
        var blocker = Path.Combine(_dir, "blocker");
        await File.WriteAllTextAsync(blocker, "not a directory");

        var report = await CheckAsync(o => o.Audit.Path = Path.Combine(blocker, "audit", "audit.jsonl"), opsPolicy: false);

        Assert.That(report.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(Check(report, "audit")["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(Check(report, "audit")["error"]!.GetValue<string>(), Does.Contain("cannot be written"));
        Assert.That(report.Json["failed_checks"]!.AsArray().Select(n => n!.GetValue<string>()), Does.Contain("audit"));
    }

    [Test]
    public async Task Audit_WritableDirectory_ReportsSizeAndFileNameOnly()
    {
        await using var services = OpsTestHost.Build(_dir, opsPolicy: false);
        await services.GetRequiredService<Burly.Audit.IAuditLog>().AppendAsync(new Burly.Audit.AuditRecord { Timestamp = DateTimeOffset.UtcNow, ToolName = "x" });

        var report = await services.GetRequiredService<HealthChecker>().CheckAsync();

        var details = Check(report, "audit")["details"]!;
        Assert.That(details["file"]!.GetValue<string>(), Is.EqualTo("audit.jsonl"));
        Assert.That(details["size_bytes"]!.GetValue<long>(), Is.EqualTo(new FileInfo(Path.Combine(_dir, "audit", "audit.jsonl")).Length));
        Assert.That(details["writable"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Docker_DeadSocket_Degraded()
    {
        var report = await CheckAsync();

        Assert.That(Check(report, "docker")["status"]!.GetValue<string>(), Is.EqualTo("degraded"));
        Assert.That(Check(report, "docker")["error"]!.GetValue<string>(), Does.StartWith("Docker engine unavailable"));
        Assert.That(report.Status, Is.Not.EqualTo(HealthStatus.Healthy));
    }

    [Test]
    public async Task Docker_NoDockerToolEnabled_HealthyWithoutConnecting()
    {
        var report = await CheckAsync(o => o.Policy.File = NoPackToolsPolicy(), opsPolicy: false);

        Assert.That(Check(report, "docker")["details"]!["used"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    [Category("Docker")]
    public async Task Docker_RealEngine_HealthyWithVersion()
    {
        if (Environment.GetEnvironmentVariable("BURLY_DOCKER_AVAILABLE") != "1")
        {
            if (Environment.GetEnvironmentVariable("BURLY_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail("BURLY_REQUIRE_DOCKER=1 but no Docker engine is available (BURLY_DOCKER_AVAILABLE is not 1).");
            }

            Assert.Ignore("No Docker engine (BURLY_DOCKER_AVAILABLE is not 1); run scripts/lib/ensure-docker.sh.");
        }

        var report = await CheckAsync(docker: o => o.Socket = Environment.GetEnvironmentVariable("DOCKER_SOCKET") ?? "/var/run/docker.sock");

        var docker = Check(report, "docker");
        Assert.That(docker["status"]!.GetValue<string>(), Is.EqualTo("healthy"), docker.ToJsonString());
        Assert.That(docker["details"]!["api_version"]!.GetValue<string>(), Does.Match(@"^\d+\.\d+$"));
    }

    [Test]
    public async Task Policy_InvalidPolicyFile_Unhealthy()
    {
        var report = await CheckAsync(o => o.Policy.File = OpsTestHost.TestData("invalid-policy.yaml"));

        Assert.That(report.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(Check(report, "policy")["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(Check(report, "policy")["error"]!.GetValue<string>(), Does.Contain("policy is invalid"));
    }

    [Test]
    public async Task Config_InvalidOptions_Unhealthy()
    {
        var report = await CheckAsync(o => o.Limits.MaxConcurrentTools = 0, opsPolicy: false);

        Assert.That(Check(report, "config")["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(report.Status, Is.EqualTo(HealthStatus.Unhealthy));
    }

    [Test]
    public async Task Blog_MissingDirectoriesOutsideDataDirectory_DegradedWithoutCreatingThem()
    {
        // Roots inside the data directory are created on first run; roots elsewhere are the operator's to create.
        var outside = _dir + "-outside";
        var stage = Path.Combine(outside, "blog", "stage");
        try
        {
            var report = await CheckAsync(blog: o =>
            {
                o.StageRoot = stage;
                o.PublishRoot = Path.Combine(outside, "blog", "publish");
            });

            Assert.That(Check(report, "blog")["status"]!.GetValue<string>(), Is.EqualTo("degraded"));
            Assert.That(Directory.Exists(stage), Is.False);
        }
        finally
        {
            if (Directory.Exists(outside))
            {
                Directory.Delete(outside, recursive: true);
            }
        }
    }

    [Test]
    public async Task Blog_ExistingDirectories_Healthy()
    {
        var stage = Directory.CreateDirectory(Path.Combine(_dir, "stage")).FullName;
        var publish = Directory.CreateDirectory(Path.Combine(_dir, "publish")).FullName;

        var report = await CheckAsync(blog: o =>
        {
            o.StageRoot = stage;
            o.PublishRoot = publish;
        });

        Assert.That(Check(report, "blog")["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        Assert.That(Directory.EnumerateFileSystemEntries(publish), Is.Empty, "the write probe must clean up");
    }

    [Test]
    public async Task Notifications_GotifyUnreachable_Degraded()
    {
        var report = await CheckAsync(o =>
        {
            o.Notifications.Enabled = true;
            o.Notifications.Providers = ["gotify"];
        }, opsPolicy: false, gotify: g =>
        {
            g.Url = "http://127.0.0.1:" + ClosedPort() + "/";
            g.Token = "t";
        });

        Assert.That(Check(report, "notifications")["status"]!.GetValue<string>(), Is.EqualTo("degraded"));
        Assert.That(report.Status, Is.EqualTo(HealthStatus.Degraded));
    }

    [Test]
    public async Task Notifications_GotifyReachable_Healthy()
    {
        using var listener = new HttpListener();
        var port = ClosedPort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.StatusCode = context.Request.Url!.AbsolutePath == "/health" ? 200 : 404;
            context.Response.Close();
        });

        var report = await CheckAsync(o =>
        {
            o.Notifications.Enabled = true;
            o.Notifications.Providers = ["gotify"];
        }, opsPolicy: false, gotify: g =>
        {
            g.Url = $"http://127.0.0.1:{port}/";
            g.Token = "t";
        });
        await serve;

        Assert.That(Check(report, "notifications")["status"]!.GetValue<string>(), Is.EqualTo("healthy"), report.Json.ToJsonString());
    }

    private static int ClosedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
