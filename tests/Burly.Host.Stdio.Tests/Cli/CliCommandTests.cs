using System.Text.Json;
using Burly.Host.Stdio.Tests.TestSupport;

namespace Burly.Host.Stdio.Tests.Cli;

/// <summary>The <c>burly</c> operations CLI.</summary>
[Category("EndToEnd")]
public sealed class CliCommandTests
{
    private BurlyProcess _burly = null!;

    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    [SetUp]
    public void SetUp() => _burly = new BurlyProcess();

    [TearDown]
    public void TearDown() => _burly.Dispose();

    [Test]
    public async Task ToolsCall_Success_PrintsStructuredResultAndExitsZero()
    {
        var (exit, stdout, _) = await _burly.RunAsync(["tools", "call", "disk_space", "--args", """{"path":"/"}"""]);

        Assert.That(exit, Is.Zero);
        Assert.That(JsonDocument.Parse(stdout).RootElement.GetProperty("ok").GetBoolean(), Is.True);
    }

    [Test]
    public async Task ToolsCall_GoesThroughTheAuditedPipeline()
    {
        await _burly.RunAsync(["tools", "call", "disk_space", "--args", """{"threshold_percent":0}"""]);

        var record = JsonDocument.Parse(File.ReadAllLines(_burly.AuditPath).Last()).RootElement;
        Assert.That(record.GetProperty("transport").GetString(), Is.EqualTo("cli"));
        Assert.That(record.GetProperty("error_code").GetString(), Is.EqualTo("INVALID_ARGUMENTS"));
    }

    [Test]
    public async Task ToolsCall_BadArgsJson_ExitsTwoWithExample()
    {
        var (exit, _, stderr) = await _burly.RunAsync(["tools", "call", "disk_space", "--args", "{nope"]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--args is not valid JSON"));
    }

    [Test]
    public async Task ToolsList_Json_PrintsToolsWithAnnotations()
    {
        var (exit, stdout, _) = await _burly.RunAsync(["tools", "list", "--json"]);

        Assert.That(exit, Is.Zero);
        var tool = JsonDocument.Parse(stdout).RootElement.GetProperty("tools").EnumerateArray().First(t => t.GetProperty("name").GetString() == "disk_space");
        Assert.That(tool.GetProperty("annotations").GetProperty("readOnlyHint").GetBoolean(), Is.True);
    }

    [Test]
    public async Task ConfigValidate_Valid_SaysSoAndExitsZero()
    {
        var (exit, stdout, _) = await _burly.RunAsync(["config", "validate"]);

        Assert.That((exit, stdout.Trim()), Is.EqualTo((0, "configuration valid")));
    }

    [Test]
    public async Task ConfigValidate_BadValues_ListsEveryProblemAndExitsOne()
    {
        _burly.Environment["MAX_CONCURRENT_TOOLS"] = "many";
        _burly.Environment["AUDIT_ENABLED"] = "perhaps";

        var (exit, stdout, _) = await _burly.RunAsync(["config", "validate"]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("MAX_CONCURRENT_TOOLS").And.Contain("AUDIT_ENABLED").And.Contain("2 problem(s)"));
    }

    [Test]
    public async Task ConfigValidate_BadPolicy_ReportsItsFileAndLine()
    {
        _burly.Environment["POLICY_FILE"] = Data("bad-policy.yaml");

        var (exit, stdout, _) = await _burly.RunAsync(["config", "validate"]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("bad-policy.yaml:2: tool 'disk_space'"));
    }

    [Test]
    public async Task ConfigShow_MasksSecrets()
    {
        _burly.Environment["GOTIFY_TOKEN"] = "super-secret-token";
        _burly.Environment["BURLYMCP_API_KEY"] = "another-secret";

        var (exit, stdout, _) = await _burly.RunAsync(["config", "show"]);

        Assert.That(exit, Is.Zero);
        Assert.That(stdout, Does.Not.Contain("super-secret-token").And.Not.Contain("another-secret"));
        Assert.That(JsonDocument.Parse(stdout).RootElement.GetProperty("Burly").GetProperty("Notifications").GetProperty("Gotify").GetProperty("Token").GetString(), Is.EqualTo("********"));
    }

    [Test]
    public async Task PolicyValidate_BadFile_ListsProblemsAndExitsOne()
    {
        var (exit, stdout, _) = await _burly.RunAsync(["policy", "validate", Data("bad-policy.yaml")]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("2 problem(s)").And.Contain("timeout_sec").And.Contain("'ghost'"));
    }

    [Test]
    public async Task PolicyValidate_BuiltInDefault_IsValid()
    {
        var (exit, stdout, _) = await _burly.RunAsync(["policy", "validate"]);

        Assert.That(exit, Is.Zero);
        Assert.That(stdout, Does.StartWith("policy valid:"));
    }

    [Test]
    public async Task Serve_BadPolicy_RefusesToStartWithTheProblems()
    {
        _burly.Environment["POLICY_FILE"] = Data("bad-policy.yaml");

        var (exit, stdout, stderr) = await _burly.ShellAsync("echo '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}' | $BURLY");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain("timeout_sec"));
    }
}
