using Burly.Configuration;
using Burly.Host.Http.Approvals;
using Burly.Host.Http.Authentication;
using Burly.Host.Http.Hosting;
using Burly.Host.Http.Legacy;
using Burly.Host.Http.Limits;
using Burly.Host.Http.Security;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds Burly's middleware and endpoints to a web application.</summary>
public static class BurlyHttpWebApplicationExtensions
{
    /// <summary>
    /// Mounts Burly's MCP endpoint at <paramref name="pattern"/> (and <c>/v1/mcp</c> when it is <c>/mcp</c>) behind the
    /// API-key policy. Adds the request chain, in order: <c>Origin</c> check → routing → authentication → body size/shape
    /// limits → rate limiter → authorization → legacy JSON endpoint. Call it before mapping the application's own
    /// endpoints so they share routing; <see cref="BurlyHttpPaths.PublicPrefixes"/> need no key.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="pattern">The MCP path.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapBurly(this WebApplication app, string pattern = BurlyHttpPaths.Mcp)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<OriginValidationMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        // With the limit off (RATE_LIMIT_DISABLED), the limiter would still take a partition lock on every request.
        if (!app.Services.GetRequiredService<IOptions<HttpHostOptions>>().Value.RateLimitDisabled)
        {
            app.UseRateLimiter();
        }

        app.UseAuthorization();
        app.UseMiddleware<LegacyEndpointMiddleware>();
        app.UseMiddleware<JsonRpcShapeMiddleware>();
        app.UseMiddleware<SessionLimitMiddleware>();
        app.UseMiddleware<JsonResponseMiddleware>();
        app.MapMcp(pattern).RequireAuthorization(ApiKeyAuthenticationDefaults.PolicyName);
        if (pattern == BurlyHttpPaths.Mcp)
        {
            app.MapMcp(BurlyHttpPaths.McpV1).RequireAuthorization(ApiKeyAuthenticationDefaults.PolicyName);
        }

        return app;
    }
}
