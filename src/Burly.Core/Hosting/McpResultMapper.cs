using System.Text.Json.Nodes;
using Burly.Pipeline;
using Burly.ToolPacks;
using ModelContextProtocol.Protocol;

namespace Burly.Hosting;

/// <summary>Outcome → MCP <see cref="CallToolResult"/>: a summary line plus the JSON as text, and <c>structuredContent</c>.</summary>
public static class McpResultMapper
{
    /// <summary>Maps an outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The MCP result.</returns>
    public static CallToolResult ToCallToolResult(ToolCallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var structured = StructuredContentWriter.ToElement(outcome);
        if (outcome.IsSuccess)
        {
            return new CallToolResult
            {
                Content =
                [
                    new TextContentBlock { Text = outcome.Summary },
                    new TextContentBlock { Text = outcome.Data?.ToJsonString(ToolJson.Options) ?? "null" },
                    .. outcome.Content ?? [],
                ],
                StructuredContent = structured,
            };
        }

        var error = outcome.Error!;
        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = $"{error.Code}: {error.Message}" }],
            StructuredContent = structured,
        };
    }

    /// <summary>Builds the <c>structuredContent</c> object.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The object.</returns>
    public static JsonObject ToStructuredContent(ToolCallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.IsSuccess)
        {
            var ok = new JsonObject
            {
                ["ok"] = true,
                ["summary"] = outcome.Summary,
                ["data"] = outcome.Data?.DeepClone(),
                ["truncated"] = outcome.Truncated,
                ["elapsed_ms"] = Math.Round(outcome.ElapsedMs, 3),
                ["request_id"] = outcome.RequestId,
            };
            if (outcome.Truncated)
            {
                ok["original_size"] = outcome.OriginalSize;
            }

            return ok;
        }

        var error = outcome.Error!;
        return new JsonObject
        {
            ["ok"] = false,
            ["summary"] = outcome.Summary,
            ["error"] = new JsonObject
            {
                ["code"] = error.Code,
                ["message"] = error.Message,
                ["details"] = error.Details?.DeepClone(),
            },
            ["need_confirm"] = outcome.Status == ToolCallStatus.NeedConfirm,
            ["elapsed_ms"] = Math.Round(outcome.ElapsedMs, 3),
            ["request_id"] = outcome.RequestId,
        };
    }
}
