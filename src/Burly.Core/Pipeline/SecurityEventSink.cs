using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Metrics;
using Microsoft.Extensions.Logging;

namespace Burly.Pipeline;

/// <summary>Audits, counts, logs and notifies security violations reported by tools.</summary>
internal sealed partial class SecurityEventSink(IAuditLog audit, BurlyMetrics metrics, TimeProvider time, ILogger<SecurityEventSink> logger, IEnumerable<ISecurityViolationObserver>? observers = null)
{
    public async ValueTask ReportAsync(CallerContext caller, string requestId, string type, string toolName, JsonObject details, CancellationToken cancellationToken)
    {
        metrics.SecurityViolations.Add(1, new KeyValuePair<string, object?>(BurlyMetricTags.Type, type));
        LogViolation(logger, type, toolName, caller.UserId);
        details[AuditFields.ViolationType] = type;
        var record = new AuditRecord
        {
            Timestamp = time.GetUtcNow(),
            EventType = AuditEventTypes.SecurityViolation,
            RequestId = requestId,
            SessionId = caller.SessionId,
            Transport = caller.Transport,
            UserId = caller.UserId,
            ClientName = caller.ClientName,
            ClientVersion = caller.ClientVersion,
            ToolName = toolName,
            Result = AuditResults.Denied,
            ErrorCode = type.StartsWith("path", StringComparison.Ordinal) ? BurlyErrorCodes.PathOutsideRoot : BurlyErrorCodes.Forbidden,
            Details = details,
        };
        try
        {
            await audit.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditWriteException)
        {
            // Already logged and counted by the audit log; the tool call itself is refused anyway.
        }

        foreach (var observer in observers ?? [])
        {
            try
            {
                observer.OnSecurityViolation(type, toolName, caller, details);
            }
            catch (Exception ex)
            {
                LogObserverFailed(logger, observer.GetType().Name, ex);
            }
        }
    }

    internal ISecurityEventSink For(CallerContext caller, string requestId) => new Bound(this, caller, requestId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Security violation '{Type}' in tool {Tool} by {UserId}.")]
    private static partial void LogViolation(ILogger logger, string type, string tool, string userId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Security-violation observer {Observer} failed.")]
    private static partial void LogObserverFailed(ILogger logger, string observer, Exception exception);

    private sealed class Bound(SecurityEventSink sink, CallerContext caller, string requestId) : ISecurityEventSink
    {
        public ValueTask ReportAsync(string type, string toolName, JsonObject details, CancellationToken cancellationToken = default) =>
            sink.ReportAsync(caller, requestId, type, toolName, details, cancellationToken);
    }
}
