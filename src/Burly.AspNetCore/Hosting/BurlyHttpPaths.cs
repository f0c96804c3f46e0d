namespace Burly.Host.Http.Hosting;

/// <summary>The routes of the HTTP host and which of them are public.</summary>
public static class BurlyHttpPaths
{
    /// <summary>The streamable HTTP MCP endpoint (also the legacy JSON endpoint).</summary>
    public const string Mcp = "/mcp";

    /// <summary>The versioned alias of <see cref="Mcp"/>.</summary>
    public const string McpV1 = "/v1/mcp";

    /// <summary>
    /// Path prefixes served without an API key: health probes and the Prometheus scrape. Everything else
    /// needs a key when keys are configured.
    /// </summary>
    public static IReadOnlyList<string> PublicPrefixes { get; } = ["/health", "/v1/health", "/metrics"];

    /// <summary>Returns whether a path is one of the MCP endpoints.</summary>
    /// <param name="path">The request path.</param>
    /// <returns><see langword="true"/> for <c>/mcp</c> and <c>/v1/mcp</c> (with or without a trailing slash).</returns>
    public static bool IsMcp(PathString path)
    {
        var value = path.Value?.TrimEnd('/') ?? string.Empty;
        return value.Equals(Mcp, StringComparison.OrdinalIgnoreCase) || value.Equals(McpV1, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Returns whether a path is public (no API key needed).</summary>
    /// <param name="path">The request path.</param>
    /// <returns><see langword="true"/> for the health and metrics routes.</returns>
    public static bool IsPublic(PathString path)
    {
        foreach (var prefix in PublicPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
