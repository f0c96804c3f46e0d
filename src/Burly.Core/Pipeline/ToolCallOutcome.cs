using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Confirmation;
using Burly.Policy;

namespace Burly.Pipeline;

/// <summary>The outcome of one call, transport-neutral; hosts turn it into MCP results or the legacy envelope.</summary>
public sealed class ToolCallOutcome
{
    /// <summary>Gets the status.</summary>
    public required ToolCallStatus Status { get; init; }

    /// <summary>Gets the request id.</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the tool name as requested.</summary>
    public required string ToolName { get; init; }

    /// <summary>Gets the tool's policy, when the tool was resolved.</summary>
    public ToolPolicy? Policy { get; init; }

    /// <summary>Gets the one-line summary.</summary>
    public required string Summary { get; init; }

    /// <summary>Gets the (bounded) data on success.</summary>
    public JsonNode? Data { get; init; }

    /// <summary>Gets the tool's extra content blocks (image, audio, resource link, embedded resource), already bounded.</summary>
    public IReadOnlyList<ModelContextProtocol.Protocol.ContentBlock>? Content { get; init; }

    /// <summary>Gets a value indicating whether the data was truncated.</summary>
    public bool Truncated { get; init; }

    /// <summary>Gets the size of the data in bytes before truncation.</summary>
    public long OriginalSize { get; init; }

    /// <summary>Gets the size of the data in bytes as returned.</summary>
    public long OutputSize { get; init; }

    /// <summary>Gets the elapsed time in milliseconds.</summary>
    public double ElapsedMs { get; init; }

    /// <summary>Gets the error when not successful.</summary>
    public ToolCallError? Error { get; init; }

    /// <summary>Gets the confirmation method that let the call run.</summary>
    public string? ConfirmationMethod { get; init; }

    /// <summary>Gets the pending input request of an MRTR confirmation round trip (the transport sends it).</summary>
    public PendingConfirmation? PendingConfirmation { get; init; }

    /// <summary>Gets a value indicating whether the call succeeded.</summary>
    public bool IsSuccess => Status == ToolCallStatus.Success;

    /// <summary>Gets the audit <c>result</c> value of the status.</summary>
    public string AuditResult => ToAuditResult(Status);

    /// <summary>Maps a status to its audit <c>result</c> value.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The audit value.</returns>
    public static string ToAuditResult(ToolCallStatus status) => status switch
    {
        ToolCallStatus.Success => AuditResults.Success,
        ToolCallStatus.NeedConfirm => AuditResults.NeedConfirm,
        ToolCallStatus.Denied => AuditResults.Denied,
        ToolCallStatus.Invalid => AuditResults.Invalid,
        ToolCallStatus.Timeout => AuditResults.Timeout,
        ToolCallStatus.Busy => AuditResults.Busy,
        _ => AuditResults.Failure,
    };
}
