using System.Text.Json;
using Burly.Policy;

namespace Burly.Pipeline.Steps;

/// <summary>What the pipeline steps learn about one call as it moves through them.</summary>
internal sealed class ToolCallState(ToolCallRequest request, string requestId, PolicyDocument document, JsonElement arguments, string argsHash, long started)
{
    public ToolCallRequest Request { get; } = request;

    public string RequestId { get; } = requestId;

    /// <summary>Gets the policy the whole call runs under (read once, so a reload mid-call changes nothing).</summary>
    public PolicyDocument Document { get; } = document;

    /// <summary>Gets the tool's arguments, without <c>_confirm</c>.</summary>
    public JsonElement Arguments { get; } = arguments;

    public string ArgsHash { get; } = argsHash;

    /// <summary>Gets the <see cref="TimeProvider.GetTimestamp"/> at which the call started.</summary>
    public long Started { get; } = started;

    /// <summary>Gets or sets the tool's policy, once resolved.</summary>
    public ToolPolicy? Tool { get; set; }

    public bool Confirmed { get; set; }

    public string? ConfirmationMethod { get; set; }

    public string? Approver { get; set; }

    public PolicyToolSession? Session { get; set; }

    /// <summary>Builds the outcome of a call refused before it ran.</summary>
    public ToolCallOutcome Refuse(TimeProvider time, ToolCallStatus status, string code, string message, System.Text.Json.Nodes.JsonNode? details = null) => new()
    {
        Status = status,
        RequestId = RequestId,
        ToolName = Request.ToolName,
        Policy = Tool,
        Summary = message.Split(". ")[0].TrimEnd('.'),
        Error = new ToolCallError(code, message, details),
        ConfirmationMethod = ConfirmationMethod,
        ElapsedMs = time.GetElapsedTime(Started).TotalMilliseconds,
    };

    /// <summary>Shortens untrusted text (a tool name) for messages and audit fields.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
