using System.Text.Json.Nodes;
using Burly.Pipeline;

namespace Burly.Tools.Tests.Docker;

/// <summary>The Docker tools against the real engine, called through the pipeline.</summary>
[TestFixture]
[Category("Docker")]
[NonParallelizable]
public sealed class DockerToolsTests
{
    private const string LoggerScript =
        "for i in 1 2 3; do echo burly-err-$i >&2; done; sleep 0.3; for i in 1 2 3 4 5 6 7 8 9 10; do echo burly-out-$i; done";

    private DockerTestEngine _engine = null!;
    private DockerPipeline _burly = null!;
    private string _running = null!;
    private string _stopped = null!;
    private string _logger = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _engine = await DockerTestEngine.ConnectAsync();
        _running = await _engine.CreateAsync("running", start: true);
        _stopped = await _engine.RunToCompletionAsync("stopped", "exit 3");
        _logger = await _engine.RunToCompletionAsync("logger", LoggerScript);
        _burly = new DockerPipeline(_engine.Endpoint.ToString());
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown()
    {
        if (_burly is not null)
        {
            await _burly.DisposeAsync();
        }

        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
    }

    [Test]
    public async Task DockerPs_AllTrue_ListsRunningAndStoppedWithTheirState()
    {
        var outcome = await _burly.CallAsync("docker_ps", new { all = true, name = $"burly-test-{_engine.RunId}-*" });

        AssertSuccess(outcome);
        var containers = Containers(outcome);
        Assert.Multiple(() =>
        {
            Assert.That(containers.Keys, Is.EquivalentTo(new[] { _running, _stopped, _logger }));
            Assert.That(containers[_running]["state"]!.GetValue<string>(), Is.EqualTo("running"));
            Assert.That(containers[_running]["status"]!.GetValue<string>(), Does.StartWith("Up"));
            Assert.That(containers[_running]["image"]!.GetValue<string>(), Is.EqualTo(DockerTestEngine.Image));
            Assert.That(containers[_running]["id"]!.GetValue<string>(), Has.Length.EqualTo(12));
            Assert.That(containers[_running]["created"]!.GetValue<string>(), Does.EndWith("Z"));
            Assert.That(containers[_stopped]["state"]!.GetValue<string>(), Is.EqualTo("exited"));
            Assert.That(containers[_stopped]["status"]!.GetValue<string>(), Does.StartWith("Exited (3)"));
            Assert.That(outcome.Data!["count"]!.GetValue<int>(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task DockerPs_AllFalse_HidesStoppedContainers()
    {
        var outcome = await _burly.CallAsync("docker_ps", new { all = false, name = $"burly-test-{_engine.RunId}-*" });

        AssertSuccess(outcome);
        Assert.That(Containers(outcome).Keys, Is.EquivalentTo(new[] { _running }));
    }

    [Test]
    public async Task DockerPs_NameSubstring_ReturnsOnlyMatchingContainers()
    {
        var outcome = await _burly.CallAsync("docker_ps", new { all = true, name = $"{_engine.RunId}-logg" });

        AssertSuccess(outcome);
        Assert.That(Containers(outcome).Keys, Is.EquivalentTo(new[] { _logger }));
    }

    [Test]
    public async Task DockerInspect_RunningContainer_ReportsStateAndConfig()
    {
        var outcome = await _burly.CallAsync("docker_inspect", new { container = _running });

        AssertSuccess(outcome);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Data!["name"]!.GetValue<string>(), Is.EqualTo(_running));
            Assert.That(outcome.Data!["state"]!["running"]!.GetValue<bool>(), Is.True);
            Assert.That(outcome.Data!["config"]!["cmd"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "/bin/sleep", "3600" }));
            Assert.That(outcome.Data!["config"]!["labels"]![DockerTestEngine.LabelKey]!.GetValue<string>(), Is.EqualTo(_engine.RunId));
        });
    }

    [Test]
    public async Task DockerInspect_UnknownContainer_InvalidArgumentsNamingIt()
    {
        var missing = _engine.NameFor("does-not-exist");

        var outcome = await _burly.CallAsync("docker_inspect", new { container = missing });

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.Invalid));
        Assert.That(outcome.Error!.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
        Assert.That(outcome.Error.Message, Does.Contain($"No container named '{missing}'"));
    }

    [Test]
    public async Task DockerLogs_LoggerContainer_ReturnsStdoutAndStderrSeparately()
    {
        var outcome = await _burly.CallAsync("docker_logs", new { container = _logger });

        AssertSuccess(outcome);
        var stdout = outcome.Data!["stdout"]!.GetValue<string>();
        var stderr = outcome.Data!["stderr"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(stdout, Is.EqualTo(string.Concat(Enumerable.Range(1, 10).Select(i => $"burly-out-{i}\n"))));
            Assert.That(stderr, Is.EqualTo("burly-err-1\nburly-err-2\nburly-err-3\n"));
            Assert.That(outcome.Data!["stdout_lines"]!.GetValue<long>(), Is.EqualTo(10));
            Assert.That(outcome.Data!["stderr_lines"]!.GetValue<long>(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task DockerLogs_Tail_ReturnsOnlyTheLastLines()
    {
        var outcome = await _burly.CallAsync("docker_logs", new { container = _logger, tail = 3 });

        AssertSuccess(outcome);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Data!["stdout"]!.GetValue<string>(), Is.EqualTo("burly-out-8\nburly-out-9\nburly-out-10\n"));
            Assert.That(outcome.Data!["stderr"]!.GetValue<string>(), Is.Empty);
        });
    }

    [Test]
    public async Task DockerLogs_SinceAfterTheLastLine_ReturnsNothing()
    {
        var outcome = await _burly.CallAsync("docker_logs", new { container = _logger, since = "2999-01-01T00:00:00Z" });

        AssertSuccess(outcome);
        Assert.That(outcome.Data!["stdout"]!.GetValue<string>() + outcome.Data!["stderr"]!.GetValue<string>(), Is.Empty);
    }

    [Test]
    public async Task DockerLogs_SinceDuration_ReturnsTheRecentLines()
    {
        var outcome = await _burly.CallAsync("docker_logs", new { container = _logger, since = "1h" });

        AssertSuccess(outcome);
        Assert.That(outcome.Data!["stdout"]!.GetValue<string>(), Does.Contain("burly-out-10\n"));
    }

    [Test]
    public async Task DockerLogs_MalformedSince_InvalidArguments()
    {
        var outcome = await _burly.CallAsync("docker_logs", new { container = _logger, since = "yesterday" });

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
        Assert.That(outcome.Error!.Message, Does.Contain("10m"));
    }

    [Test]
    public async Task DockerStats_RunningContainer_ReportsMemoryAndCpu()
    {
        var outcome = await _burly.CallAsync("docker_stats", new { container = _running });

        AssertSuccess(outcome);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Data!["memory"]!["usage_bytes"]!.GetValue<ulong>(), Is.GreaterThan(0UL));
            Assert.That(outcome.Data!["memory"]!["limit_bytes"]!.GetValue<ulong>(), Is.GreaterThanOrEqualTo(outcome.Data!["memory"]!["usage_bytes"]!.GetValue<ulong>()));
            Assert.That(outcome.Data!["cpu_percent"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(0));
            Assert.That(outcome.Data!["network"]!["rx_bytes"], Is.Not.Null);
            Assert.That(outcome.Data!["block_io"]!["read_bytes"], Is.Not.Null);
        });
    }

    [Test]
    public async Task DockerStats_StoppedContainer_ToolFailedSayingItIsNotRunning()
    {
        var outcome = await _burly.CallAsync("docker_stats", new { container = _stopped });

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.ToolFailed));
        Assert.That(outcome.Error!.Message, Does.Contain("is not running"));
    }

    [Test]
    public async Task DockerRestart_WithoutConfirmation_NeedsConfirmAndRestartsNothing()
    {
        var name = await _engine.CreateAsync("restart-unconfirmed", start: true);
        var before = await _engine.StateAsync(name);

        var outcome = await _burly.CallAsync("docker_restart", new { container = name, timeout_seconds = 1 });

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(outcome.Error!.Code, Is.EqualTo(BurlyErrorCodes.ConfirmationRequired));
        Assert.That(await _engine.StateAsync(name), Is.EqualTo(before));
    }

    [Test]
    public async Task DockerRestart_Confirmed_RestartsTheContainer()
    {
        var name = await _engine.CreateAsync("restart", start: true);
        var before = await _burly.CallAsync("docker_inspect", new { container = name });

        var outcome = await _burly.CallAsync("docker_restart", new { container = name, timeout_seconds = 1, _confirm = true });

        AssertSuccess(outcome);
        var after = await _burly.CallAsync("docker_inspect", new { container = name });
        Assert.Multiple(() =>
        {
            Assert.That(after.Data!["state"]!["started_at"]!.GetValue<string>(), Is.Not.EqualTo(before.Data!["state"]!["started_at"]!.GetValue<string>()));
            Assert.That(after.Data!["state"]!["running"]!.GetValue<bool>(), Is.True);
            Assert.That(outcome.Data!["started_at"]!.GetValue<string>(), Is.EqualTo(after.Data!["state"]!["started_at"]!.GetValue<string>()));
            var record = _burly.AuditRecords().Last(r => r["tool_name"]!.GetValue<string>() == "docker_restart");
            Assert.That(record["security_context"]!["confirmation_method"]!.GetValue<string>(), Is.EqualTo("argument"));
        });
    }

    [Test]
    public async Task DockerStop_Confirmed_StopsTheContainer()
    {
        var name = await _engine.CreateAsync("stop", start: true);

        var outcome = await _burly.CallAsync("docker_stop", new { container = name, timeout_seconds = 1, _confirm = true });

        AssertSuccess(outcome);
        Assert.That(outcome.Data!["changed"]!.GetValue<bool>(), Is.True);
        Assert.That((await _engine.StateAsync(name)).Status, Is.EqualTo("exited"));
    }

    [Test]
    public async Task DockerStart_Confirmed_StartsTheContainer()
    {
        var name = await _engine.CreateAsync("start", start: false);

        var outcome = await _burly.CallAsync("docker_start", new { container = name, _confirm = true });

        AssertSuccess(outcome);
        Assert.That((await _engine.StateAsync(name)).Status, Is.EqualTo("running"));
    }

    [Test]
    public async Task DockerStart_AlreadyRunning_SucceedsWithoutChange()
    {
        var outcome = await _burly.CallAsync("docker_start", new { container = _running, _confirm = true });

        AssertSuccess(outcome);
        Assert.That(outcome.Data!["changed"]!.GetValue<bool>(), Is.False);
    }

    private static void AssertSuccess(ToolCallOutcome outcome) =>
        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.Success), () => $"{outcome.Error?.Code}: {outcome.Error?.Message}");

    private static Dictionary<string, JsonObject> Containers(ToolCallOutcome outcome) =>
        outcome.Data!["containers"]!.AsArray().Select(c => c!.AsObject()).ToDictionary(c => c["names"]![0]!.GetValue<string>());
}
