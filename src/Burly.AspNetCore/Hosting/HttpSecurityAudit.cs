using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Configuration;

namespace Burly.Host.Http.Hosting;

/// <summary>
/// Writes the HTTP host's own audit records: authentication failures and rate-limit rejections. Floods are aggregated
/// so no client can fill the audit volume: per source (event type, caller, remote address) and window
/// (<see cref="AuditOptions.RejectionWindowSeconds"/>) the first <see cref="AuditOptions.RejectionSampleFirst"/>
/// rejections are recorded in full, the rest are counted and written as one <c>rejections_summary</c> record when the
/// window ends (<see cref="RejectionAuditSampler"/>: on the source's next rejection, on the window's timer, or at shutdown).
/// </summary>
public sealed class HttpSecurityAudit(RejectionAuditSampler sampler, TimeProvider time)
{
    /// <summary>Appends a record for a refused request. Never throws for audit failures (the log counts and logs them).</summary>
    /// <param name="context">The request.</param>
    /// <param name="eventType">The event type (<see cref="AuditEventTypes.AuthFailure"/> or <see cref="AuditEventTypes.RateLimited"/>).</param>
    /// <param name="userId">The caller id (<c>anonymous</c> when no valid key).</param>
    /// <param name="errorCode">The error code.</param>
    /// <param name="result">The audit result.</param>
    /// <param name="message">The message sent to the client.</param>
    /// <param name="details">Extra details (reason, limit…).</param>
    /// <returns>A task.</returns>
    public async ValueTask WriteAsync(HttpContext context, string eventType, string userId, string errorCode, string result, string message, JsonObject details)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(details);
        details["path"] = Truncate(context.Request.Path.Value ?? string.Empty, 200);
        details["method"] = context.Request.Method;
        details["remote_address"] = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var record = new AuditRecord
        {
            Timestamp = time.GetUtcNow(),
            EventType = eventType,
            RequestId = context.TraceIdentifier,
            Transport = "http",
            UserId = userId,
            ClientName = context.Request.Headers.UserAgent.Count > 0 ? Truncate(context.Request.Headers.UserAgent.ToString(), 120) : null,
            Result = result,
            Error = message,
            ErrorCode = errorCode,
            ExitCode = 1,
            Details = details,
        };
        await sampler.WriteAsync(eventType + "|" + userId + "|" + details["remote_address"], record).ConfigureAwait(false);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
