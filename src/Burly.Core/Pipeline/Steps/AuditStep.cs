using Burly.Audit;
using Burly.Configuration;

namespace Burly.Pipeline.Steps;

/// <summary>
/// Pipeline step 6, audit: the write-ahead intent record of a mutating call (fail closed: written before it runs, or it
/// does not run) and the one <c>tool_call</c> record of every completed call (arguments redacted or hashed only).
/// </summary>
internal sealed class AuditStep(IAuditLog audit, AuditOptions options, TimeProvider time)
{
    /// <summary>
    /// Whether records are built at all. With <c>Burly:Audit:Enabled=false</c> and a log that writes nowhere
    /// (<see cref="IAuditLog.FilePath"/> null), a record would be redacted, built and dropped: skip it.
    /// </summary>
    private bool Off => !options.Enabled && audit.FilePath is null;

    /// <summary>Writes the intent record; returns <see langword="false"/> when the audit log cannot be written (the call must then be refused).</summary>
    public async Task<bool> WriteIntentAsync(ToolCallState call)
    {
        if (Off)
        {
            return true; // nothing to write, so nothing can fail: the same answer the disabled log gives
        }

        var intent = NewRecord(call, AuditEventTypes.ToolCallIntent);
        intent.Result = AuditResults.Started;
        try
        {
            await audit.AppendAsync(intent, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (AuditWriteException)
        {
            return false; // logged and counted by the log
        }
    }

    /// <summary>Writes the record of a completed call. A write failure is logged and counted by the log; it never fails the call.</summary>
    public async Task WriteCompletionAsync(ToolCallState call, ToolCallOutcome outcome)
    {
        if (Off)
        {
            return;
        }

        var record = NewRecord(call, AuditEventTypes.ToolCall);
        record.Result = outcome.Error?.Code == BurlyErrorCodes.Cancelled ? AuditResults.Cancelled : outcome.AuditResult;
        record.Error = outcome.Error?.Message;
        record.ErrorCode = outcome.Error?.Code;
        record.ExitCode = outcome.IsSuccess ? 0 : 1;
        record.ExecutionTimeMs = outcome.ElapsedMs;
        record.OutputSize = outcome.OutputSize;
        record.OutputTruncated = outcome.Truncated;
        record.ClientRequests = call.Session?.ToAudit();

        try
        {
            await audit.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AuditWriteException)
        {
            // Logged and counted by the log; read-only calls proceed, mutating ones were refused before running.
        }
    }

    private AuditRecord NewRecord(ToolCallState call, string eventType) => new()
    {
        Timestamp = time.GetUtcNow(),
        EventType = eventType,
        RequestId = call.RequestId,
        SessionId = call.Request.Caller.SessionId,
        Transport = call.Request.Caller.Transport,
        UserId = call.Request.Caller.UserId,
        ClientName = call.Request.Caller.ClientName,
        ClientVersion = call.Request.Caller.ClientVersion,
        ToolName = ToolCallState.Truncate(call.Request.ToolName, 128),
        Arguments = options.Arguments == "hash_only" ? null : AuditRedactor.Redact(call.Arguments, call.Document.Settings, options),
        ArgsHash = call.ArgsHash,
        MutatesSystem = call.Tool?.Mutates ?? false,
        RequiresConfirmation = call.Tool?.RequiresConfirm ?? false,
        Confirmed = call.Confirmed,
        ConfirmationMethod = call.ConfirmationMethod,
        ApprovedBy = call.Approver,
    };
}
