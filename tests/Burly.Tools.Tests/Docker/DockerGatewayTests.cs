using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Burly.Pipeline;
using Burly.Tools.Docker;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NSubstitute;

namespace Burly.Tools.Tests.Docker;

/// <summary>
/// Each engine error Docker.DotNet can throw, and the error code the caller gets. The seam is <see cref="IDockerClient"/>
/// (Docker.DotNet's own interface): a real engine cannot be made to throw each of these on demand. Everything else —
/// pipeline, gateway, classification, audit — is real.
/// </summary>
[TestFixture]
public sealed class DockerGatewayTests
{
    private static IEnumerable<TestCaseData> EngineErrors()
    {
        yield return new TestCaseData(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)), BurlyErrorCodes.DependencyUnavailable, "connection_refused")
            .SetName("DockerPs_EngineRefusesConnection_DependencyUnavailable");
        yield return new TestCaseData(new HttpRequestException("denied", new SocketException((int)SocketError.AccessDenied)), BurlyErrorCodes.DependencyUnavailable, "permission_denied")
            .SetName("DockerPs_SocketPermissionDenied_DependencyUnavailable");
        yield return new TestCaseData(new IOException("broken pipe"), BurlyErrorCodes.DependencyUnavailable, "unreachable")
            .SetName("DockerPs_ConnectionDropped_DependencyUnavailable");
        yield return new TestCaseData(new DockerApiException(HttpStatusCode.BadRequest, """{"message":"client version 1.99 is too new. Maximum supported API version is 1.47"}"""), BurlyErrorCodes.DependencyUnavailable, "api_version")
            .SetName("DockerPs_ApiVersionRejected_DependencyUnavailable");
        yield return new TestCaseData(new DockerApiException(HttpStatusCode.InternalServerError, """{"message":"error reading /var/lib/docker/containers/abc/config.v2.json"}"""), BurlyErrorCodes.ToolFailed, null)
            .SetName("DockerPs_EngineInternalError_ToolFailedWithoutHostPath");
        yield return new TestCaseData(new InvalidOperationException("bug in a client library"), BurlyErrorCodes.ToolFailed, null)
            .SetName("DockerPs_UnexpectedException_ToolFailedGeneric");
    }

    [TestCaseSource(nameof(EngineErrors))]
    public async Task DockerPs_EngineThrows_StableErrorCodeAudited(Exception thrown, string code, string? reason)
    {
        var client = Substitute.For<IDockerClient>();
        client.Containers.ListContainersAsync(Arg.Any<ContainersListParameters>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<IList<ContainerListResponse>>(thrown));
        await using var burly = new SeamPipeline(client);

        var outcome = await burly.Pipeline.CallAsync("docker_ps", new { all = true });

        Assert.That(outcome.Error, Is.Not.Null);
        Assert.That(outcome.Error!.Code, Is.EqualTo(code));
        if (reason is not null)
        {
            Assert.That(outcome.Error.Details!["reason"]!.GetValue<string>(), Is.EqualTo(reason));
        }

        Assert.That(outcome.Error.Message, Does.Not.Contain("/var/lib/docker").And.Not.Contain("bug in a client library").And.Not.Contain("   at "));
        var record = burly.Pipeline.AuditRecords().Last(r => r["event_type"]!.GetValue<string>() == "tool_call");
        Assert.That(record["error_code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(burly.Factory.LastReportedUp, Is.EqualTo(reason is null ? (thrown is DockerApiException ? true : null) : false));
    }

    [Test]
    public async Task DockerInspect_ContainerNotFound_InvalidArgumentsNamingTheContainer()
    {
        var client = Substitute.For<IDockerClient>();
        client.Containers.InspectContainerAsync("web", Arg.Any<CancellationToken>())
            .Returns(Task.FromException<ContainerInspectResponse>(new DockerContainerNotFoundException(HttpStatusCode.NotFound, """{"message":"No such container: web"}""")));
        await using var burly = new SeamPipeline(client);

        var outcome = await burly.Pipeline.CallAsync("docker_inspect", new { container = "web" });

        Assert.That(outcome.Error!.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
        Assert.That(outcome.Error.Message, Does.Contain("'web'").And.Contain("docker_ps"));
        Assert.That(burly.Factory.LastReportedUp, Is.True);
    }

    /// <summary>The Docker pack's pipeline with the engine client replaced by a substitute.</summary>
    private sealed class SeamPipeline : IAsyncDisposable
    {
        public SeamPipeline(IDockerClient client)
        {
            Factory = new FixedClientFactory(client);
            Pipeline = new DockerPipeline("unix:///nonexistent/docker.sock", configure: services =>
                services.Replace(ServiceDescriptor.Singleton<IDockerClientFactory>(Factory)));
        }

        public FixedClientFactory Factory { get; }

        public DockerPipeline Pipeline { get; }

        public ValueTask DisposeAsync() => Pipeline.DisposeAsync();
    }

    private sealed class FixedClientFactory(IDockerClient client) : IDockerClientFactory
    {
        public bool? LastReportedUp { get; private set; }

        public TimeSpan RequestTimeout => TimeSpan.FromSeconds(20);

        public ValueTask<IDockerClient> GetClientAsync(CancellationToken cancellationToken) => ValueTask.FromResult(client);

        public void ReportEngineState(bool up) => LastReportedUp = up;
    }
}
