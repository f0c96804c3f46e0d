using System.Security.Claims;
using Burly.Hosting;
using Burly.Pipeline;

namespace Burly.Host.Http.Authentication;

/// <summary>Builds the pipeline's caller from the request user's claims (the same claims the MCP path reads).</summary>
internal static class HttpCaller
{
    /// <summary>Creates the caller of a legacy request.</summary>
    /// <param name="user">The request user.</param>
    /// <param name="clientName">The client name for the audit record.</param>
    /// <param name="clientVersion">The client version for the audit record.</param>
    /// <returns>The caller.</returns>
    public static CallerContext From(ClaimsPrincipal user, string? clientName, string? clientVersion)
    {
        var scopes = user.FindAll(BurlyClaimTypes.ToolScope).Select(c => c.Value).ToList();
        return new CallerContext
        {
            UserId = user.FindFirst(BurlyClaimTypes.UserId)?.Value ?? "anonymous",
            Transport = "http",
            ClientName = clientName,
            ClientVersion = clientVersion,
            ToolScopes = scopes.Count > 0 ? scopes : null,
            ReadOnlyScope = user.FindFirst(BurlyClaimTypes.ReadOnly)?.Value == "true",
        };
    }
}
