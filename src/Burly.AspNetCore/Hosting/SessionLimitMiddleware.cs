using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Configuration;
using Burly.Hosting;
using Burly.Host.Http.Limits;
using Burly.Host.Http.Responses;
using Burly.Metrics;
using Burly.Pipeline;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Hosting;

/// <summary>
/// The stateful MCP sessions each caller holds open (<see cref="HttpHostOptions.MaxSessionsPerKey"/>). A slot is
/// reserved by <see cref="SessionLimitMiddleware"/> for an <c>initialize</c>, handed to the session when the SDK starts
/// it (<see cref="McpTransportSetup"/>) and freed when the session ends (idle timeout, DELETE, shutdown) — or at once
/// when the <c>initialize</c> opened no session.
/// </summary>
internal sealed class SessionCounter
{
    private static readonly object ReservationKey = new();
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Gets how many sessions a caller holds (reserved or running).</summary>
    public int Count(string userId) => _open.TryGetValue(userId, out var n) ? n : 0;

    /// <summary>Reserves a slot for the request's caller when under <paramref name="max"/>.</summary>
    public bool TryReserve(HttpContext context, string userId, int max)
    {
        while (true)
        {
            var current = Count(userId);
            if (current >= max)
            {
                return false;
            }

            if (current == 0 ? _open.TryAdd(userId, 1) : _open.TryUpdate(userId, current + 1, current))
            {
                context.Items[ReservationKey] = userId;
                return true;
            }
        }
    }

    /// <summary>Takes the request's reservation over for a session that just started (freed by the returned handle).</summary>
    public IDisposable? Claim(HttpContext context)
    {
        if (context.Items.Remove(ReservationKey, out var user) && user is string userId)
        {
            return new Slot(this, userId);
        }

        return null;
    }

    /// <summary>Frees the request's reservation if no session claimed it.</summary>
    public void ReleaseUnclaimed(HttpContext context) => Claim(context)?.Dispose();

    private void Release(string userId)
    {
        while (true)
        {
            var current = Count(userId);
            if (current <= 1 ? _open.TryRemove(new KeyValuePair<string, int>(userId, current)) || current == 0 : _open.TryUpdate(userId, current - 1, current))
            {
                return;
            }
        }
    }

    private sealed class Slot(SessionCounter counter, string userId) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                counter.Release(userId);
            }
        }
    }
}

/// <summary>
/// Refuses an <c>initialize</c> that would open more stateful sessions for one API key than
/// <see cref="HttpHostOptions.MaxSessionsPerKey"/> allows: HTTP 429 <c>RATE_LIMITED</c> with
/// <c>details.limit: sessions_per_key</c>, audited as <c>rate_limited</c> (sampled like other floods) and counted in
/// <c>burly_mcp_rate_limited_total</c>. Runs after authentication; stateless mode has no sessions to bound.
/// </summary>
internal sealed class SessionLimitMiddleware(RequestDelegate next, SessionCounter sessions, IOptions<HttpHostOptions> options, HttpSecurityAudit audit, HttpErrorResponder errors, BurlyMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (options.Value.Stateless || !HttpMethods.IsPost(context.Request.Method) || !BurlyHttpPaths.IsMcp(context.Request.Path)
            || context.Request.Headers.ContainsKey("Mcp-Session-Id") || !IsInitialize(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var max = options.Value.MaxSessionsPerKey;
        var userId = context.User.FindFirst(BurlyClaimTypes.UserId)?.Value ?? "anonymous";
        if (!sessions.TryReserve(context, userId, max))
        {
            metrics.RateLimited.Add(1);
            var message = $"Too many open MCP sessions: the limit is {max} stateful sessions per API key (Burly:Http:MaxSessionsPerKey). Reuse a session (Mcp-Session-Id), close unused ones with DELETE /mcp, or wait for the idle timeout (Burly:Http:SessionIdleTimeoutMinutes).";
            await audit.WriteAsync(context, AuditEventTypes.RateLimited, userId, BurlyErrorCodes.RateLimited, AuditResults.Busy, message,
                new JsonObject { ["limit"] = "sessions_per_key", ["max_sessions_per_key"] = max }).ConfigureAwait(false);
            await errors.WriteAsync(context, new HttpError(StatusCodes.Status429TooManyRequests, BurlyErrorCodes.RateLimited, "Too many sessions", message)
            {
                Details = new JsonObject { ["limit"] = "sessions_per_key", ["max_sessions_per_key"] = max },
            }).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            sessions.ReleaseUnclaimed(context);
        }
    }

    private static bool IsInitialize(HttpContext context) =>
        context.Features.Get<BufferedRequestBody>() is { Kind: RequestBodyKind.JsonRpc, Method: "initialize" };
}
