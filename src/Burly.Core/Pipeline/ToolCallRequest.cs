using System.Text.Json;
using Burly.Confirmation;

namespace Burly.Pipeline;

/// <summary>One tool call entering the pipeline, from any host.</summary>
public sealed class ToolCallRequest
{
    /// <summary>Gets the tool name.</summary>
    public required string ToolName { get; init; }

    /// <summary>Gets the raw arguments (may include <c>_confirm</c>); <see langword="null"/> means none.</summary>
    public JsonElement? Arguments { get; init; }

    /// <summary>Gets the caller.</summary>
    public required CallerContext Caller { get; init; }

    /// <summary>Gets the request id; one is generated when empty.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets a way to ask a person to confirm (elicitation), or <see langword="null"/>.</summary>
    public IConfirmationChannel? ConfirmationChannel { get; init; }

    /// <summary>Gets the caller's session for progress and log messages, or <see langword="null"/> for none.</summary>
    public ToolPacks.IToolSession? Session { get; init; }

    /// <summary>Gets a confirmation answer already obtained by the transport (an MRTR retry, the CLI's <c>--confirm</c>).</summary>
    public ConfirmationEvidence? ConfirmationEvidence { get; init; }
}
