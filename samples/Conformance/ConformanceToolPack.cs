using System.Text.Json.Nodes;
using Burly.ToolPacks;

namespace Burly.Samples.Conformance;

/// <summary>
/// The fixture tools of the MCP conformance suite's server scenarios that a Burly tool can express (its results are
/// plain text, a tool error, a JSON Schema 2020-12 input schema, rich content, progress, log messages, sampling and elicitation
/// (see <see cref="ConformanceClientRequestTools"/>).
/// </summary>
public sealed class ConformanceToolPack : IToolPack
{
    /// <inheritdoc />
    public IEnumerable<ToolDefinition> GetTools()
    {
        yield return new ToolDefinition
        {
            Name = "test_simple_text",
            Description = "Returns a simple text response (conformance fixture).",
            Idempotent = true,
            Handler = (_, _) => ValueTask.FromResult(ToolResult.Ok("This is a simple text response for testing.")),
        };

        yield return new ToolDefinition
        {
            Name = "test_error_handling",
            Description = "Always fails, to test error results (conformance fixture).",
            Idempotent = true,
            Handler = (_, _) => throw new ToolException(BurlyErrorCodes.ToolFailed, "This tool intentionally returns an error for testing"),
        };

        yield return new ToolDefinition
        {
            Name = "json_schema_2020_12_tool",
            Description = "Echoes a name and an address; its input schema uses JSON Schema 2020-12 keywords (conformance fixture).",
            Idempotent = true,
            Handler = (context, _) => ValueTask.FromResult(ToolResult.Ok(
                $"Received {context.GetString("name") ?? "no name"}",
                JsonNode.Parse(context.Arguments.GetRawText()))),
        };

        foreach (var tool in ConformanceClientRequestTools.GetTools())
        {
            yield return tool;
        }
    }
}
