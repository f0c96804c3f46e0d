using Burly.Host.Http.Hosting;
using Microsoft.AspNetCore.Authorization;

namespace Burly.Host.Http.Authentication;

/// <summary>
/// The one access rule of the host: public paths (health, metrics) are open; everything else needs a valid
/// API key, unless no key is configured at all (loopback, or <c>ALLOW_ANONYMOUS=true</c>). What a key may
/// call is decided later, per tool, by the pipeline's authorise step (scopes and the policy's <c>allow</c>).
/// </summary>
internal sealed class BurlyAccessRequirement : AuthorizationHandler<BurlyAccessRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, BurlyAccessRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var keys = http?.RequestServices.GetRequiredService<ApiKeyStore>();
        var authenticated = context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == ApiKeyAuthenticationDefaults.AuthenticationScheme);
        if (authenticated || keys?.IsAnonymous == true || (http is not null && BurlyHttpPaths.IsPublic(http.Request.Path)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
