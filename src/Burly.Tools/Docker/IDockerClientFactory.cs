using Docker.DotNet;

namespace Burly.Tools.Docker;

/// <summary>
/// Gives the Docker tools one shared engine client, built from <c>BurlyOptions.Docker</c>
/// (<c>DOCKER_HOST</c>, <c>DOCKER_SOCKET</c>, <c>DOCKER_TIMEOUT</c>).
/// </summary>
internal interface IDockerClientFactory
{
    /// <summary>Gets the time one engine operation may take (<c>DOCKER_TIMEOUT</c>).</summary>
    TimeSpan RequestTimeout { get; }

    /// <summary>
    /// Returns the client. On first use (and after the engine was unreachable) the engine's version is read
    /// and logged; no API version is pinned, so the engine answers with its own.
    /// </summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The client.</returns>
    ValueTask<IDockerClient> GetClientAsync(CancellationToken cancellationToken);

    /// <summary>Records whether the engine answered (<c>burly_mcp_docker_engine_up</c>); after a failure the version is read again.</summary>
    /// <param name="up">Whether the engine answered.</param>
    void ReportEngineState(bool up);
}
