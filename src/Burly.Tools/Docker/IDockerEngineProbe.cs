using Burly.Configuration;

namespace Burly.Health;

/// <summary>Pings the Docker engine for the <c>docker</c> health check. Core has a minimal one; a Docker tool pack may replace it.</summary>
public interface IDockerEngineProbe
{
    /// <summary>Pings the engine and reads its version.</summary>
    /// <param name="options">How to reach the engine.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The engine status.</returns>
    Task<DockerEngineStatus> ProbeAsync(DockerOptions options, CancellationToken cancellationToken);
}
