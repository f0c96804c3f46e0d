using System.Net;
using System.Net.Sockets;
using Burly.Tools.Docker;
using Docker.DotNet;
using static Burly.Tools.Docker.DockerErrors;

namespace Burly.Tools.Tests.Docker;

public sealed class DockerErrorsTests
{
    [TestCase(SocketError.AccessDenied, true, nameof(Unavailability.PermissionDenied))]
    [TestCase(SocketError.ConnectionRefused, true, nameof(Unavailability.ConnectionRefused))]
    [TestCase(SocketError.AddressNotAvailable, true, nameof(Unavailability.ConnectionRefused))]
    [TestCase(SocketError.AddressNotAvailable, false, nameof(Unavailability.SocketMissing))]
    [TestCase(SocketError.HostNotFound, true, nameof(Unavailability.Unreachable))]
    [TestCase(SocketError.TimedOut, true, nameof(Unavailability.Timeout))]
    public void Classify_SocketFailure_NamesTheReason(SocketError error, bool socketFileExists, string expected)
    {
        var exception = new HttpRequestException("failed", new SocketException((int)error));

        Assert.That(Classify(exception, timedOut: false, () => socketFileExists).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Classify_CancelledAtTheDockerDeadline_Timeout()
    {
        Assert.That(Classify(new TaskCanceledException(), timedOut: true), Is.EqualTo(Unavailability.Timeout));
    }

    [Test]
    public void Classify_EngineAnsweredWithAnError_NotAnAvailabilityProblem()
    {
        Assert.That(Classify(new DockerApiException(HttpStatusCode.Conflict, """{"message":"conflict"}"""), timedOut: false), Is.EqualTo(Unavailability.None));
    }

    [Test]
    public void Classify_ApiVersionTooNew_ApiVersion()
    {
        var exception = new DockerApiException(HttpStatusCode.BadRequest, """{"message":"client version 1.44 is too new. Maximum supported API version is 1.41"}""");

        Assert.That(Classify(exception, timedOut: false), Is.EqualTo(Unavailability.ApiVersion));
    }

    [Test]
    public void Unavailable_PermissionDenied_TellsToJoinTheDockerGroup()
    {
        var error = Unavailable(Unavailability.PermissionDenied, "unix", 30);

        Assert.That(error.Code, Is.EqualTo(BurlyErrorCodes.DependencyUnavailable));
        Assert.That(error.Message, Does.Contain("docker group"));
    }

    [Test]
    public void EngineMessage_WithHostPath_HidesThePath()
    {
        var text = EngineMessage("""{"message":"error while mounting volume '/var/lib/docker/volumes/x/_data': failed"}""");

        Assert.That(text, Does.Not.Contain("/var/lib"));
        Assert.That(text, Does.Contain("[path]"));
    }
}
