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
    public async Task Health_FirstRunNothingConfigured_CreatesBlogDirectoriesAndIsHealthy()
    {
        var env = BurlyProcess.Environment(_dir);
        env["POLICY_FILE"] = Path.Combine(AppContext.BaseDirectory, "TestData", "blog-only-policy.yaml");

        var (code, stdout, _) = await BurlyProcess.RunAsync(env, "health");

        var report = JsonNode.Parse(stdout)!;
        Assert.That(report["checks"]!["blog"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"), stdout);
        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("healthy"), stdout);
        Assert.That(code, Is.Zero);
        Assert.That(Directory.Exists(Path.Combine(_dir, "blog", "stage")) && Directory.Exists(Path.Combine(_dir, "blog", "publish")), Is.True);
    }

    [Test]
    public async Task Health_BlogRootOutsideDataDirectory_NotCreatedAndDegraded()
    {
        var data = Path.Combine(_dir, "data");
        var outside = Path.Combine(_dir, "elsewhere", "stage");
        var env = BurlyProcess.Environment(data);
        env["POLICY_FILE"] = Path.Combine(AppContext.BaseDirectory, "TestData", "blog-only-policy.yaml");
        env["BLOG_STAGE_ROOT"] = outside;

        var (code, stdout, _) = await BurlyProcess.RunAsync(env, "health");

        Assert.That(JsonNode.Parse(stdout)!["checks"]!["blog"]!["status"]!.GetValue<string>(), Is.EqualTo("degraded"), stdout);
        Assert.That(Directory.Exists(outside), Is.False);
        Assert.That(Directory.Exists(Path.Combine(data, "blog", "publish")), Is.True);
        Assert.That(code, Is.EqualTo(1), "degraded exits 1 without --allow-degraded");
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
    public async Task Health_PolicyBrokenAfterAGoodLoad_DegradedOnLastKnownGood_AllowDegradedExitsZero()
    {
        var policy = Path.Combine(_dir, "tools.yaml");
        File.Copy(SystemOnlyPolicy, policy);
        var env = BurlyProcess.Environment(_dir);
        env["POLICY_FILE"] = policy;
        var (goodCode, goodOut, _) = await BurlyProcess.RunAsync(env, "health");
        await File.WriteAllTextAsync(policy, "tools:\n  disk_space:\n    timeout_sec: 9999\n");

        var (code, stdout, _) = await BurlyProcess.RunAsync(env, "health");
        var (allowCode, allowOut, _) = await BurlyProcess.RunAsync(env, "health", "--allow-degraded");

        Assert.That((goodCode, JsonNode.Parse(goodOut)!["status"]!.GetValue<string>()), Is.EqualTo((0, "healthy")), goodOut);
        var check = JsonNode.Parse(stdout)!["checks"]!["policy"]!;
        Assert.That(check["status"]!.GetValue<string>(), Is.EqualTo("degraded"), stdout);
        Assert.That(check["details"]!["last_known_good"]!.GetValue<bool>(), Is.True, stdout);
        Assert.That(code, Is.EqualTo(1));
        Assert.That((allowCode, JsonNode.Parse(allowOut)!["status"]!.GetValue<string>()), Is.EqualTo((0, "degraded")), allowOut);
    }

    [Test]
    public async Task Serve_PolicyBrokenAfterAGoodLoad_StartsOnLastKnownGoodAndSaysSo()
    {
        var policy = Path.Combine(_dir, "tools.yaml");
        File.Copy(SystemOnlyPolicy, policy);
        var env = BurlyProcess.Environment(_dir);
        env["POLICY_FILE"] = policy;
        _ = await BurlyProcess.RunAsync(env, "policy", "validate");
        _ = await BurlyProcess.RunAsync(env, "health");
        await File.WriteAllTextAsync(policy, "tools:\n  disk_space:\n    timeout_sec: 9999\n");

        var (code, _, stderr) = await BurlyProcess.RunAsync(env);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stderr, Does.Contain("last-known-good policy"));
        Assert.That(stderr, Does.Contain("serving 1 tools"));
    }

    [Test]
    public async Task Serve_BadPolicyAndNoLastKnownGood_Refuses()
    {
        var policy = Path.Combine(_dir, "tools.yaml");
        await File.WriteAllTextAsync(policy, "tools:\n  disk_space:\n    timeout_sec: 9999\n");
        var env = BurlyProcess.Environment(_dir);
        env["POLICY_FILE"] = policy;

        var (code, _, stderr) = await BurlyProcess.RunAsync(env);

        Assert.That(code, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Not.Contain("last-known-good"));
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
