using System.Net.Sockets;
using Burly.Pipeline;

namespace Burly.Tools.Tests.Docker;

/// <summary>What the Docker tools answer when no engine is there; needs no engine.</summary>
[TestFixture]
[Category("Docker")]
public sealed class DockerEngineUnavailableTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("burly-dead-docker-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task DockerPs_DockerHostIsADeadSocket_DependencyUnavailableWithTheFix()
    {
        var socketPath = Path.Combine(_directory, "docker.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath)); // the file exists but nothing listens, like a crashed dockerd's socket
        await using var burly = new DockerPipeline("unix://" + socketPath);

        var outcome = await burly.CallAsync("docker_ps", new { all = true });

        AssertUnavailable(outcome, socketPath);
        Assert.That(outcome.Error!.Message, Does.Contain("Start Docker").And.Contain("DOCKER_HOST"));
        Assert.That(outcome.Error.Details!["reason"]!.GetValue<string>(), Is.EqualTo("connection_refused"));
    }

    [Test]
    public async Task DockerInspect_DockerHostSocketMissing_DependencyUnavailableWithTheFix()
    {
        var socketPath = Path.Combine(_directory, "absent.sock");
        await using var burly = new DockerPipeline("unix://" + socketPath);

        var outcome = await burly.CallAsync("docker_inspect", new { container = "web" });

        AssertUnavailable(outcome, socketPath);
        Assert.That(outcome.Error!.Details!["reason"]!.GetValue<string>(), Is.EqualTo("socket_missing"));
    }

    [Test]
    public async Task DockerRestart_EngineDown_DependencyUnavailableAndAudited()
    {
        var socketPath = Path.Combine(_directory, "absent.sock");
        await using var burly = new DockerPipeline("unix://" + socketPath);

        var outcome = await burly.CallAsync("docker_restart", new { container = "web", _confirm = true });

        AssertUnavailable(outcome, socketPath);
        var record = burly.AuditRecords().Last();
        Assert.That(record["error_code"]!.GetValue<string>(), Is.EqualTo(BurlyErrorCodes.DependencyUnavailable));
        Assert.That(record["result"]!.GetValue<string>(), Is.EqualTo("failure"));
    }

    [Test]
    public async Task DockerPs_EngineNeverAnswers_DependencyUnavailableAfterDockerTimeout()
    {
        var socketPath = Path.Combine(_directory, "silent.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        socket.Listen(); // connections queue up, nobody ever answers
        await using var burly = new DockerPipeline("unix://" + socketPath, dockerTimeoutSeconds: 1);

        var outcome = await burly.CallAsync("docker_ps");

        AssertUnavailable(outcome, socketPath);
        Assert.That(outcome.Error!.Details!["reason"]!.GetValue<string>(), Is.EqualTo("timeout"));
        Assert.That(outcome.Error.Message, Does.Contain("DOCKER_TIMEOUT"));
    }

    private void AssertUnavailable(ToolCallOutcome outcome, string socketPath)
    {
        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.Failure));
        Assert.That(outcome.Error!.Code, Is.EqualTo(BurlyErrorCodes.DependencyUnavailable));
        var everything = outcome.Error.Message + outcome.Error.Details?.ToJsonString();
        Assert.Multiple(() =>
        {
            Assert.That(everything, Does.Not.Contain(socketPath).And.Not.Contain(_directory));
            Assert.That(everything, Does.Not.Match(@"\bat [\w.`<>]+\(").And.Not.Contain("Exception"), "no stack trace or exception type");
        });
    }
}
