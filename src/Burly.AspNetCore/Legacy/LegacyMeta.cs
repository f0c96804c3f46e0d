using Burly.Configuration;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Legacy;

/// <summary>
/// The envelope's <c>meta</c> block, as the Python version built it: <c>BURLYMCP_API_VERSION</c> (default
/// <c>v1</c>), <c>BURLYMCP_CONTAINER_VERSION</c> (default the server version) and <c>BURLYMCP_GIT_SHA</c>
/// (default <c>unknown</c>).
/// </summary>
public sealed class LegacyMeta
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="configuration">The configuration (the variables are read as top-level keys).</param>
    /// <param name="options">The Burly options.</param>
    public LegacyMeta(IConfiguration configuration, IOptions<BurlyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ApiVersion = NonEmpty(configuration["BURLYMCP_API_VERSION"]) ?? "v1";
        ContainerVersion = NonEmpty(configuration["BURLYMCP_CONTAINER_VERSION"]) ?? options.Value.ServerVersion;
        GitSha = NonEmpty(configuration["BURLYMCP_GIT_SHA"]) ?? NonEmpty(configuration["GIT_SHA"]) ?? "unknown";
    }

    /// <summary>Gets the API version.</summary>
    public string ApiVersion { get; }

    /// <summary>Gets the container (server) version.</summary>
    public string ContainerVersion { get; }

    /// <summary>Gets the git commit.</summary>
    public string GitSha { get; }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
