using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Hosting;
using Burly.Host.Http.Hosting;
using Burly.Host.Http.Responses;
using Burly.Metrics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Burly.Host.Http.Authentication;

/// <summary>
/// Authenticates <c>X-Api-Key: KEY</c> or <c>Authorization: Bearer KEY</c> against <see cref="ApiKeyStore"/>.
/// The principal carries Burly's claims (<c>apikey:NAME</c>, tool scopes, read-only) so the pipeline's
/// authorise step sees them. A challenge answers 401 with <c>WWW-Authenticate</c>, a body in the request's
/// shape, an <c>auth_failure</c> audit record and <c>burly_mcp_auth_failures_total</c>.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys,
    HttpErrorResponder errors,
    HttpSecurityAudit audit,
    BurlyMetrics metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (keys.IsAnonymous)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var headers = Request.Headers;
        string? presented = null;
        if (headers.TryGetValue(ApiKeyAuthenticationDefaults.HeaderName, out var apiKey))
        {
            if (apiKey.Count != 1)
            {
                return Fail("malformed_header");
            }

            presented = apiKey[0];
        }
        else if (headers.TryGetValue(HeaderNames.Authorization, out var authorization))
        {
            if (authorization.Count != 1 || authorization[0] is not { } value || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return Fail("malformed_header");
            }

            presented = value[BearerPrefix.Length..].Trim();
        }

        if (string.IsNullOrEmpty(presented))
        {
            Context.Features.Set(new ApiKeyFailure("missing_key"));
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var credential = keys.Find(presented);
        if (credential is null)
        {
            return Fail("invalid_key");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, credential.UserId),
            new(ClaimTypes.Name, credential.Name),
            new(BurlyClaimTypes.UserId, credential.UserId),
        };
        if (credential.ReadOnly)
        {
            claims.Add(new Claim(BurlyClaimTypes.ReadOnly, "true"));
        }

        if (credential.Admin)
        {
            claims.Add(new Claim(BurlyClaimTypes.Admin, "true"));
        }

        foreach (var scope in credential.ToolScopes ?? [])
        {
            claims.Add(new Claim(BurlyClaimTypes.ToolScope, scope));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthenticationDefaults.AuthenticationScheme));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyAuthenticationDefaults.AuthenticationScheme)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Features.Get<ApiKeyFailure>()?.Reason ?? "missing_key";
        Response.Headers.WWWAuthenticate = reason == "missing_key"
            ? $"Bearer realm=\"{ApiKeyAuthenticationDefaults.Realm}\""
            : $"Bearer realm=\"{ApiKeyAuthenticationDefaults.Realm}\", error=\"invalid_token\"";
        metrics.AuthFailures.Add(1);
        LogAuthFailure(Logger, reason, Request.Path.Value ?? string.Empty, Context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

        const string message = "Missing or invalid API key";
        await audit.WriteAsync(Context, AuditEventTypes.AuthFailure, "anonymous", BurlyErrorCodes.AuthRequired, AuditResults.Denied, message,
            new JsonObject { ["reason"] = reason }).ConfigureAwait(false);
        await errors.WriteAsync(Context, new HttpError(StatusCodes.Status401Unauthorized, BurlyErrorCodes.AuthRequired, "Authentication required",
            message)
        {
            Details = new JsonObject { ["suggestion"] = $"Send the key in the {ApiKeyAuthenticationDefaults.HeaderName} header or as Authorization: Bearer KEY." },
        }).ConfigureAwait(false);
    }

    private Task<AuthenticateResult> Fail(string reason)
    {
        Context.Features.Set(new ApiKeyFailure(reason));
        return Task.FromResult(AuthenticateResult.Fail(reason));
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Authentication failed ({Reason}) for {Path} from {RemoteAddress}.")]
    private static partial void LogAuthFailure(ILogger logger, string reason, string path, string remoteAddress);
}
