using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.ToolPacks;

/// <summary>
/// The MCP <c>outputSchema</c> Burly publishes for a tool. <c>structuredContent</c> is always Burly's result
/// envelope (<c>ok</c>, <c>summary</c>, <c>data</c>, <c>truncated</c>, <c>elapsed_ms</c>, <c>request_id</c>, and on
/// errors <c>error</c> and <c>need_confirm</c>), so the published schema is that envelope with the tool's own data
/// schema placed under <c>data</c>. Bounded output may replace <c>data</c> by <c>{"truncated_json": "…"}</c>, which
/// the envelope allows. <c>$defs</c> of the data schema move to the envelope's root so <c>#/$defs/…</c> references still resolve.
/// </summary>
public static class ToolOutputSchema
{
    /// <summary>Builds the envelope schema.</summary>
    /// <param name="dataSchema">The tool's data schema, or <see langword="null"/> for any data.</param>
    /// <returns>The schema to publish as <c>outputSchema</c>.</returns>
    public static JsonElement Envelope(JsonElement? dataSchema)
    {
        JsonNode data = new JsonObject();
        JsonNode? defs = null;
        if (dataSchema is { ValueKind: JsonValueKind.Object } given)
        {
            var copy = JsonNode.Parse(given.GetRawText())!.AsObject();
            copy.Remove("$schema");
            copy.Remove("$id");
            if (copy.Remove("$defs", out var d))
            {
                defs = d;
            }

            data = new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    copy,
                    new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject { ["truncated_json"] = new JsonObject { ["type"] = "string" } },
                        ["required"] = new JsonArray("truncated_json"),
                    }),
            };
        }

        var envelope = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["ok"] = new JsonObject { ["type"] = "boolean", ["description"] = "true when the tool ran and succeeded" },
                ["summary"] = new JsonObject { ["type"] = "string", ["description"] = "one-line human summary" },
                ["data"] = data,
                ["truncated"] = new JsonObject { ["type"] = "boolean" },
                ["original_size"] = new JsonObject { ["type"] = "integer" },
                ["elapsed_ms"] = new JsonObject { ["type"] = "number" },
                ["request_id"] = new JsonObject { ["type"] = "string" },
                ["need_confirm"] = new JsonObject { ["type"] = "boolean" },
                ["error"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["code"] = new JsonObject { ["type"] = "string" },
                        ["message"] = new JsonObject { ["type"] = "string" },
                    },
                    ["required"] = new JsonArray("code", "message"),
                },
            },
            ["required"] = new JsonArray("ok", "summary"),
        };
        if (defs is not null)
        {
            envelope["$defs"] = defs;
        }

        return JsonSerializer.SerializeToElement(envelope);
    }
}
