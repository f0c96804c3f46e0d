using System.Buffers;
using System.Text.Json;
using Burly.Pipeline;

namespace Burly.Hosting;

/// <summary>
/// Writes the same <c>structuredContent</c> as <see cref="McpResultMapper.ToStructuredContent"/> straight to UTF-8 and
/// parses it once (per call: no <c>JsonObject</c> tree, no deep clone of the tool's data, no reflection-based serialiser).
/// </summary>
internal static class StructuredContentWriter
{
    public static JsonElement ToElement(ToolCallOutcome outcome)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, outcome);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, ToolCallOutcome outcome)
    {
        writer.WriteStartObject();
        if (outcome.IsSuccess)
        {
            writer.WriteBoolean("ok", true);
            writer.WriteString("summary", outcome.Summary);
            writer.WritePropertyName("data");
            WriteNode(writer, outcome.Data);
            writer.WriteBoolean("truncated", outcome.Truncated);
            writer.WriteNumber("elapsed_ms", Math.Round(outcome.ElapsedMs, 3));
            writer.WriteString("request_id", outcome.RequestId);
            if (outcome.Truncated)
            {
                writer.WriteNumber("original_size", outcome.OriginalSize);
            }
        }
        else
        {
            var error = outcome.Error!;
            writer.WriteBoolean("ok", false);
            writer.WriteString("summary", outcome.Summary);
            writer.WriteStartObject("error");
            writer.WriteString("code", error.Code);
            writer.WriteString("message", error.Message);
            writer.WritePropertyName("details");
            WriteNode(writer, error.Details);
            writer.WriteEndObject();
            writer.WriteBoolean("need_confirm", outcome.Status == ToolCallStatus.NeedConfirm);
            writer.WriteNumber("elapsed_ms", Math.Round(outcome.ElapsedMs, 3));
            writer.WriteString("request_id", outcome.RequestId);
        }

        writer.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter writer, System.Text.Json.Nodes.JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
