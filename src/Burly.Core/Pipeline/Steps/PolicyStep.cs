using System.Text.Json.Nodes;
using Burly.Metrics;
using Burly.ToolPacks;

namespace Burly.Pipeline.Steps;

/// <summary>Pipeline step 1, policy: resolves the tool (enabled in the policy and implemented) and authorises the caller.</summary>
internal sealed class PolicyStep(IToolCatalog catalog, IToolAuthorizer authorizer, BurlyMetrics metrics, TimeProvider time)
{
    /// <summary>Resolves and authorises; sets <see cref="ToolCallState.Tool"/>.</summary>
    /// <returns>The refusal (unknown tool, forbidden), or <see langword="null"/> with <paramref name="implementation"/> set.</returns>
    public ToolCallOutcome? Check(ToolCallState call, out ToolDefinition implementation)
    {
        var name = call.Request.ToolName;
        if (!call.Document.Tools.TryGetValue(name, out var tool) || (tool.Implementation ?? catalog.Tools.GetValueOrDefault(name)) is not { } found)
        {
            implementation = null!;
            return call.Refuse(time, ToolCallStatus.Invalid, BurlyErrorCodes.UnknownTool,
                $"Unknown tool '{ToolCallState.Truncate(name, 64)}'. Call tools/list for the available tools.",
                new JsonObject { ["available_tools"] = new JsonArray(call.Document.Tools.Keys.Select(k => (JsonNode?)k).ToArray()) });
        }

        call.Tool = tool;
        implementation = found;
        if (authorizer.Authorize(call.Request.Caller, tool) is { } reason)
        {
            metrics.SecurityViolations.Add(1, new KeyValuePair<string, object?>(BurlyMetricTags.Type, SecurityViolationTypes.ForbiddenCall));
            return call.Refuse(time, ToolCallStatus.Denied, BurlyErrorCodes.Forbidden, reason);
        }

        return null;
    }
}
