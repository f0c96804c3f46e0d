using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Burly.Audit;
using Burly.Configuration;
using Burly.Hosting;
using Burly.Host.Http.Hosting;
using Burly.Host.Http.Legacy;
using Burly.Host.Http.Responses;
using Burly.Metrics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Limits;

/// <summary>
/// The request rate limit (ASP.NET Core rate limiter): <c>Burly:Http:RateLimitPerMinute</c> (60) tool calls (POSTs other than protocol chatter) per
/// minute in a fixed window, per API key name, else per client address; health and metrics are not limited;
/// <c>RATE_LIMIT_DISABLED=true</c> turns it off. A rejection is 429 with <c>Retry-After</c>, an audit record
/// (<c>rate_limited</c>) and <c>burly_mcp_rate_limited_total</c>.
/// </summary>
internal static class BurlyRateLimiting
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddBurlyRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            o.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>Returns the partition key of a request: <c>apikey:NAME</c> or <c>ip:ADDRESS</c>.</summary>
    public static string PartitionKey(HttpContext context) =>
        context.User.FindFirst(BurlyClaimTypes.UserId)?.Value ?? "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var http = context.RequestServices.GetRequiredService<IOptions<HttpHostOptions>>().Value;
        // Tool calls count, protocol chatter (initialize, notifications, ping, tools/list, GET streams) does not.
        if (http.RateLimitDisabled || !HttpMethods.IsPost(context.Request.Method) || BurlyHttpPaths.IsPublic(context.Request.Path)
            || context.Features.Get<BufferedRequestBody>() is { IsProtocolChatter: true })
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var permits = http.RateLimitPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var services = context.RequestServices;
        var permits = services.GetRequiredService<IOptions<HttpHostOptions>>().Value.RateLimitPerMinute;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        services.GetRequiredService<BurlyMetrics>().RateLimited.Add(1);

        var message = $"Too many tool calls: the limit is {permits} tool calls per minute per API key, else per client address (Burly:Http:RateLimitPerMinute). Retry after {seconds} s.";
        var userId = context.User.FindFirst(BurlyClaimTypes.UserId)?.Value ?? "anonymous";
        await services.GetRequiredService<HttpSecurityAudit>().WriteAsync(context, AuditEventTypes.RateLimited, userId, BurlyErrorCodes.RateLimited,
            AuditResults.Busy, message, new JsonObject { ["limit_per_minute"] = permits, ["retry_after"] = seconds }).ConfigureAwait(false);
        await services.GetRequiredService<HttpErrorResponder>().WriteAsync(context, new HttpError(StatusCodes.Status429TooManyRequests, BurlyErrorCodes.RateLimited,
            "Rate limit exceeded", message)
        {
            Details = new JsonObject
            {
                ["retry_after"] = seconds,
                ["limit"] = "tool_calls_per_minute",
                ["limit_per_minute"] = permits,
                ["suggestion"] = "Reduce request frequency or set RATE_LIMIT_DISABLED=true for lab environments",
            },
            LegacyExitCode = LegacyEnvelope.RateLimitedExitCode,
        }).ConfigureAwait(false);
    }
}
