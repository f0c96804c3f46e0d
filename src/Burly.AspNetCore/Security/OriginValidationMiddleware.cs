using Burly.Pipeline;
using Burly.Host.Http.Responses;
using Burly.Metrics;
using Microsoft.Net.Http.Headers;

namespace Burly.Host.Http.Security;

/// <summary>Refuses requests whose <c>Origin</c> is present and not allowed with 403 (the MCP SDK does not check it).</summary>
internal sealed partial class OriginValidationMiddleware(RequestDelegate next, OriginPolicy policy, HttpErrorResponder errors, BurlyMetrics metrics, ILogger<OriginValidationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers[HeaderNames.Origin];
        if (origin.Count == 0 || (origin.Count == 1 && policy.IsAllowed(origin[0]!)))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        metrics.SecurityViolations.Add(1, new KeyValuePair<string, object?>(BurlyMetricTags.Type, SecurityViolationTypes.OriginRejected));
        LogRejected(logger, origin.ToString(), context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        await errors.WriteAsync(context, new HttpError(StatusCodes.Status403Forbidden, BurlyErrorCodes.Forbidden, "Origin not allowed",
            "Forbidden: the request's Origin is not allowed. Browser clients must be served from a loopback origin or one listed in Burly:Http:AllowedOrigins.")).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Refused a request with Origin {Origin} from {RemoteAddress}.")]
    private static partial void LogRejected(ILogger logger, string origin, string remoteAddress);
}
