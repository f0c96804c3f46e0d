using System.Text.Json.Nodes;

namespace Burly.Host.Stdio.Tests.Operations;

public sealed class HealthCommandTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = BurlyProcess.CreateTempDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static string SystemOnlyPolicy => Path.Combine(AppContext.BaseDirectory, "TestData", "system-only-policy.yaml");

    [Test]
    public async Task Health_Healthy_PrintsJsonAndExitsZero()
    {
        var env = BurlyProcess.Environment(_dir);
        env["POLICY_FILE"] = SystemOnlyPolicy;

        var (code, stdout, _) = await BurlyProcess.RunAsync(env, "health");

        var report = JsonNode.Parse(stdout)!;
        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("healthy"), stdout);
        Assert.That(code, Is.Zero);
    }

    [Test]
    public async Task Health_AuditDirectoryUncreatable_UnhealthyExitsOne()
    {
        var blocker = Path.Combine(_dir, "blocker");
        await File.WriteAllTextAsync(blocker, "x");
        var env = BurlyProcess.Environment(_dir);
        env["AUDIT_LOG_PATH"] = Path.Combine(blocker, "audit", "audit.jsonl");
        env["POLICY_FILE"] = SystemOnlyPolicy;

        var (code, stdout, _) = await BurlyProcess.RunAsync(env, "health");

        var report = JsonNode.Parse(stdout)!;
        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(report["failed_checks"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EquivalentTo(new[] { "audit" }));
        Assert.That(stdout, Does.Not.Contain(_dir));
        Assert.That(code, Is.EqualTo(1));
    }

    [Test]
    public async Task Health_BadPolicy_UnhealthyExitsOne()
    {
        var policy = Path.Combine(_dir, "tools.yaml");
        await File.WriteAllTextAsync(policy, "tools:\n  disk_space:\n    timeout_sec: 9999\n");
        var env = BurlyProcess.Environment(_dir);
        env["POLICY_FILE"] = policy;

        var (code, stdout, _) = await BurlyProcess.RunAsync(env, "health");

        Assert.That(JsonNode.Parse(stdout)!["checks"]!["policy"]!["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(code, Is.EqualTo(1));
    }

    [Test]
    public async Task Health_InvalidConfiguration_UnhealthyExitsOne()
    {
        var env = BurlyProcess.Environment(_dir);
        env["MAX_CONCURRENT_TOOLS"] = "lots";

        var (code, stdout, _) = await BurlyProcess.RunAsync(env, "health");

        Assert.That(JsonNode.Parse(stdout)!["checks"]!["config"]!["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(code, Is.EqualTo(1));
    }

    [Test]
    public async Task Health_DegradedWithAllowDegraded_ExitsZeroOtherwiseOne()
    {
        var env = BurlyProcess.Environment(_dir);
        env["NOTIFICATIONS_ENABLED"] = "true";
        env["NOTIFICATION_PROVIDERS"] = "gotify";
        env["GOTIFY_URL"] = "http://127.0.0.1:1/";
        env["GOTIFY_TOKEN"] = "tok-do-not-print";

        var strict = await BurlyProcess.RunAsync(env, "health");
        var lenient = await BurlyProcess.RunAsync(env, "health", "--allow-degraded");

        Assert.That(JsonNode.Parse(strict.Stdout)!["status"]!.GetValue<string>(), Is.EqualTo("degraded"));
        Assert.That(strict.Stdout, Does.Not.Contain("tok-do-not-print"));
        Assert.That((strict.ExitCode, lenient.ExitCode), Is.EqualTo((1, 0)));
    }
}
