using Burly.Pipeline;

namespace Burly.Tools.Tests.Docker;

/// <summary>The policy's <c>config.docker.allowed_containers</c> against the real engine.</summary>
[TestFixture]
[Category("Docker")]
[NonParallelizable]
public sealed class DockerAllowListTests
{
    private static readonly string PolicyFile = Path.Combine(TestContext.CurrentContext.TestDirectory, "Docker", "TestData", "allowlist-policy.yaml");

    private DockerTestEngine _engine = null!;
    private DockerPipeline _burly = null!;
    private string _allowed = null!;
    private string _other = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _engine = await DockerTestEngine.ConnectAsync();
        _allowed = await _engine.CreateAsync("allowed", start: true);
        _other = await _engine.CreateAsync("other", start: true);
        _burly = new DockerPipeline(_engine.Endpoint.ToString(), PolicyFile);
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
    public async Task DockerInspect_ContainerOutsideAllowList_ForbiddenAndAuditedAsSecurityViolation()
    {
        var outcome = await _burly.CallAsync("docker_inspect", new { container = _other });

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.Denied));
        Assert.That(outcome.Error!.Code, Is.EqualTo(BurlyErrorCodes.Forbidden));
        var violation = _burly.AuditRecords().Single(r => r["event_type"]!.GetValue<string>() == "security_violation");
        Assert.Multiple(() =>
        {
            Assert.That(violation["tool_name"]!.GetValue<string>(), Is.EqualTo("docker_inspect"));
            Assert.That(violation["details"]!["violation_type"]!.GetValue<string>(), Is.EqualTo("forbidden_container"));
            Assert.That(violation["details"]!["container"]!.GetValue<string>(), Is.EqualTo(_other));
            Assert.That(violation["error_code"]!.GetValue<string>(), Is.EqualTo(BurlyErrorCodes.Forbidden));
        });
    }

    [Test]
    public async Task DockerRestart_ConfirmedOnContainerOutsideAllowList_ForbiddenAndNothingRestarted()
    {
        var before = await _engine.StateAsync(_other);

        var outcome = await _burly.CallAsync("docker_restart", new { container = _other, timeout_seconds = 1, _confirm = true });

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.Forbidden));
        Assert.That(await _engine.StateAsync(_other), Is.EqualTo(before));
    }

    [Test]
    public async Task DockerInspect_MissingContainerOutsideAllowList_ForbiddenNotNotFound()
    {
        var outcome = await _burly.CallAsync("docker_inspect", new { container = _engine.NameFor("nowhere") });

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.Forbidden));
    }

    [Test]
    public async Task DockerInspect_ContainerInAllowList_Succeeds()
    {
        var outcome = await _burly.CallAsync("docker_inspect", new { container = _allowed });

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.Success), () => outcome.Error?.Message ?? string.Empty);
    }

    [Test]
    public async Task DockerPs_WithAllowList_ListsOnlyAllowedContainers()
    {
        var outcome = await _burly.CallAsync("docker_ps", new { all = true, name = $"burly-test-{_engine.RunId}-*" });

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.Success), () => outcome.Error?.Message ?? string.Empty);
        var names = outcome.Data!["containers"]!.AsArray().Select(c => c!["names"]![0]!.GetValue<string>());
        Assert.That(names, Is.EquivalentTo(new[] { _allowed }));
    }
}
