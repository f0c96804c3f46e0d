using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Pipeline;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Stdio.Stdio;

/// <summary>
/// Audits the protocol lines the stdio host refuses before any tool runs (over-long or too-deep lines, text that is
/// not JSON, unreadable params answered with -32602) as <c>protocol_rejected</c> records with an error code. A flood is
/// aggregated like HTTP 401/429 (<see cref="RejectionAuditSampler"/>): the first few per kind and window in full, the
/// rest in one <c>rejections_summary</c>.
/// </summary>
internal sealed class StdioRejectionAudit(RejectionAuditSampler sampler, TimeProvider time)
{
    /// <summary>The event type of a refused stdio line.</summary>
    public const string EventType = "protocol_rejected";

    /// <summary>Audits a stand-in for a line refused by <see cref="LineLimitingStream"/>.</summary>
    public ValueTask RejectedLineAsync(JsonRpcMessage standIn)
    {
        var parameters = standIn is JsonRpcRequest r ? r.Params : (standIn as JsonRpcNotification)?.Params;
        var (reason, kind) = RejectedLine.Describe(parameters);
        var code = kind == RejectedLine.InvalidJson ? BurlyErrorCodes.InvalidArguments : BurlyErrorCodes.RequestTooLarge;
        var jsonRpcCode = kind == RejectedLine.InvalidJson ? -32700 : RejectedLine.InvalidRequest;
        return WriteAsync(kind, code, jsonRpcCode, $"The message was refused before parsing: {reason}.", (standIn as JsonRpcRequest)?.Id.ToString(), null);
    }

    /// <summary>Audits a request refused with -32602 (invalid params).</summary>
    public ValueTask InvalidParamsAsync(JsonRpcRequest request, string message) =>
        WriteAsync("invalid_params", BurlyErrorCodes.InvalidArguments, -32602, message, request.Id.ToString(), request.Method);

    private ValueTask WriteAsync(string kind, string code, int jsonRpcCode, string message, string? requestId, string? method)
    {
        var details = new JsonObject { ["kind"] = kind, ["jsonrpc_code"] = jsonRpcCode };
        if (method is not null)
        {
            details["method"] = method;
        }

        var record = new AuditRecord
        {
            Timestamp = time.GetUtcNow(),
            EventType = EventType,
            RequestId = string.IsNullOrEmpty(requestId) ? null : requestId,
            Transport = "stdio",
            UserId = CallerContext.Local("stdio").UserId,
            Result = AuditResults.Invalid,
            Error = message.Length <= 300 ? message : message[..300] + "…",
            ErrorCode = code,
            ExitCode = 1,
            Details = details,
        };
        return sampler.WriteAsync("stdio|" + kind, record);
    }
}
