using Burly.Host.Http.Approvals;
using Burly.Host.Http.Authentication;
using Burly.Host.Http.Hosting;
using Burly.Host.Http.Legacy;
using Burly.Host.Http.Limits;
using Burly.Host.Http.Security;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds Burly's middleware and endpoints to a web application.</summary>
public static class BurlyHttpWebApplicationExtensions
{
    /// <summary>
    /// The request path, in order: host filtering (startup filter) → <c>Origin</c> check → routing →
    /// authentication → body size/shape limits → rate limiter → authorization → legacy JSON endpoint →
    /// MCP endpoints at <c>/mcp</c> and <c>/v1/mcp</c>. Endpoints mapped afterwards (health, metrics) are
    /// routed through the same chain; <see cref="BurlyHttpPaths.PublicPrefixes"/> need no key.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapBurlyHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<OriginValidationMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<LegacyEndpointMiddleware>();
        app.MapMcp(BurlyHttpPaths.Mcp).RequireAuthorization(ApiKeyAuthenticationDefaults.PolicyName);
        app.MapMcp(BurlyHttpPaths.McpV1).RequireAuthorization(ApiKeyAuthenticationDefaults.PolicyName);
        app.MapApprovalEndpoints();
        return app;
    }
}
