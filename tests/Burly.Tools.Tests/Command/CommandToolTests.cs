using System.Text.Json;
using Burly.Pipeline;
using Burly.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Tools.Tests.Command;

/// <summary>Policy-defined command tools through the real pipeline: no shell, whole-element arguments, clean env, group kill.</summary>
public sealed class CommandToolTests
{
    private const string SecretVariable = "BURLY_TEST_SECRET_TOKEN";
    private string _root = null!;
    private ServiceProvider _services = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Directory.CreateTempSubdirectory("burly-command-test-").FullName;
        _services = Build(Path.Combine(AppContext.BaseDirectory, "Command", "TestData", "command-policy.yaml"));
    }

    [TearDown]
    public void TearDown()
    {
        _services.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [TestCase("; touch MARK")]
    [TestCase("$(touch MARK)")]
    [TestCase("`touch MARK`")]
    [TestCase("a && touch MARK || touch MARK")]
    [TestCase("| touch MARK")]
    [TestCase("*")]
    public async Task Invoke_ShellMetacharacters_ArePassedLiterallyAndNothingRuns(string text)
    {
        var outcome = await CallAsync("cmd_echo", new { text });

        Assert.That(outcome.IsSuccess, Is.True, outcome.Error?.Message);
        Assert.That(outcome.Data!["stdout"]!.GetValue<string>(), Is.EqualTo(text + "\n"));
        Assert.That(outcome.Data!["argv"]!.AsArray().Count, Is.EqualTo(2), "one argument stays one argv element");
        Assert.That(File.Exists(Path.Combine(_root, "MARK")), Is.False);
    }

    [TestCase("line1\nline2")]
    [TestCase("nul\0byte")]
    [TestCase("-n")]
    [TestCase("--help")]
    [TestCase("../../etc/passwd")]
    [TestCase("a/../b")]
    public async Task Invoke_UnsafeArgumentValue_IsRejectedBeforeRunning(string text)
    {
        var outcome = await CallAsync("cmd_echo", new { text });

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments), outcome.Summary);
        Assert.That(outcome.Data, Is.Null);
    }

    [Test]
    public async Task Invoke_Environment_HoldsNoInheritedSecrets()
    {
        Environment.SetEnvironmentVariable(SecretVariable, "s3cr3t-value");
        try
        {
            var outcome = await CallAsync("cmd_env");

            var stdout = outcome.Data!["stdout"]!.GetValue<string>();
            Assert.That(stdout, Does.Not.Contain(SecretVariable).And.Not.Contain("s3cr3t-value"));
            Assert.That(stdout, Does.Contain("PATH=/usr/local/sbin:").And.Contain("GREETING=hello"));
            var names = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')[0]).Order().ToArray();
            Assert.That(names, Is.EqualTo(new[] { "GREETING", "HOME", "LANG", "LC_ALL", "PATH" }));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SecretVariable, null);
        }
    }

    [Test]
    public async Task Invoke_NonZeroExit_IsToolFailedWithExitCodeAndStderr()
    {
        var outcome = await CallAsync("cmd_exit3");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.ToolFailed));
        Assert.That(outcome.Error!.Details!["exit_code"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(outcome.Error.Details!["stderr"]!.GetValue<string>(), Is.EqualTo("err\n"));
    }

    [Test]
    public async Task Invoke_ExitCodeListedAsOk_Succeeds()
    {
        var outcome = await CallAsync("cmd_exit3_ok");

        Assert.That(outcome.IsSuccess, Is.True, outcome.Error?.Message);
        Assert.That(outcome.Data!["exit_code"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task Invoke_LargeOutput_IsCappedAndCounted()
    {
        var outcome = await CallAsync("cmd_many_lines");

        Assert.That(outcome.IsSuccess, Is.True, outcome.Error?.Message);
        Assert.That(outcome.Data!["stdout"]!.GetValue<string>().Length, Is.LessThanOrEqualTo(1024));
        Assert.That(outcome.Data!["dropped_bytes"]!.GetValue<long>(), Is.GreaterThan(500_000));
    }

    [Test]
    public async Task Invoke_Timeout_KillsTheWholeProcessGroupIncludingGrandchildren()
    {
        var outcome = await CallAsync("cmd_grandchild");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.Timeout));
        var pidFile = Path.Combine(_root, "grandchild.pid");
        Assert.That(File.Exists(pidFile), Is.True, "the grandchild started");
        var pid = File.ReadAllText(pidFile).Trim();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (IsAlive(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.That(IsAlive(pid), Is.False, $"grandchild {pid} still runs after the timeout");
    }

    [Test]
    public async Task Invoke_DefaultWorkingDirectory_IsTheFirstWorkingRoot()
    {
        var outcome = await CallAsync("cmd_pwd");

        Assert.That(outcome.Data!["stdout"]!.GetValue<string>().Trim(), Is.EqualTo(new DirectoryInfo(_root).ResolveLinkTarget(true)?.FullName ?? _root));
    }

    [TestCase("command: [\"/bin/echo\", \"--name={name}\"]", "whole element")]
    [TestCase("command: [\"{name}\"]", "cannot be an argument placeholder")]
    [TestCase("command: [\"/bin/echo\", \"{other}\"]", "has no 'other'")]
    [TestCase("command: [\"/bin/echo\"]\n    working_dir: /etc", "outside the allowed command working roots")]
    [TestCase("command: \"/bin/echo hi\"", "non-empty list of strings")]
    public void Load_InvalidCommandEntry_IsAPolicyProblem(string entry, string expected)
    {
        var yaml = $"tools:\n  bad:\n    description: d\n    {entry}\n    args_schema: {{type: object, properties: {{name: {{type: string}}}}}}\n";
        var file = Path.Combine(_root, "bad.yaml");
        File.WriteAllText(file, yaml);
        var loader = _services.GetRequiredService<PolicyLoader>();

        var ex = Assert.Throws<PolicyValidationException>(() => loader.Load(file, null));

        Assert.That(ex!.Problems.Select(p => p.Message), Has.Some.Contains(expected));
    }

    [Test]
    public void Load_ShippedSamples_AreValidCommandTools()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Burly.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/'))!;
        }

        var loader = _services.GetRequiredService<PolicyLoader>();
        var policy = loader.Load(Path.Combine(AppContext.BaseDirectory, "Command", "TestData", "command-policy.yaml"), Path.Combine(root, "samples", "policy", "tools.d"));

        Assert.That(policy.Tools.Keys, Is.SupersetOf(new[] { "host_uptime", "service_is_active", "service_journal" }));
        Assert.That(policy.Tools["service_journal"].Implementation, Is.Not.Null);
    }

    private static bool IsAlive(string pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');

    private ServiceProvider Build(string policyFile) => new ServiceCollection()
        .AddLogging()
        .AddBurly(o =>
        {
            o.DataDirectory = Path.Combine(_root, "data");
            o.Policy.File = policyFile;
            o.Policy.Watch = false;
        })
        .AddCommandTools(o =>
        {
            o.WorkingRoots.Clear();
            o.WorkingRoots.Add(_root);
        })
        .Services
        .BuildServiceProvider();

    private Task<ToolCallOutcome> CallAsync(string tool, object? arguments = null) =>
        _services.GetRequiredService<ToolCallPipeline>().InvokeAsync(new ToolCallRequest
        {
            ToolName = tool,
            Arguments = arguments is null ? null : JsonSerializer.SerializeToElement(arguments),
            Caller = CallerContext.Local("cli"),
        });
}
