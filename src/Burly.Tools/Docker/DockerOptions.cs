using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>How to reach the Docker engine.</summary>
public sealed class DockerOptions
{
    /// <summary>Gets or sets the engine endpoint, e.g. <c>unix:///var/run/docker.sock</c> (<c>DOCKER_HOST</c>).</summary>
    /// <value>The default value is <see langword="null"/>: the socket in <see cref="Socket"/>.</value>
    public string? Host { get; set; }

    /// <summary>Gets or sets the engine's Unix socket (<c>DOCKER_SOCKET</c>).</summary>
    /// <value>The default value is <c>/var/run/docker.sock</c>.</value>
    public string Socket { get; set; } = "/var/run/docker.sock";

    /// <summary>Gets or sets the timeout of one engine request, in seconds (<c>DOCKER_TIMEOUT</c>).</summary>
    /// <value>The default value is 30.</value>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Returns the endpoint in effect.</summary>
    /// <returns>The engine URI.</returns>
    public Uri ResolveEndpoint() =>
        !string.IsNullOrWhiteSpace(Host) ? new Uri(Host) : new Uri("unix://" + Socket);
}
