using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.Pipeline;

/// <summary>
/// Bounds a tool's data to a byte budget: long strings (logs, file contents) are cut head+tail on UTF-8
/// boundaries, largest first; if the structure itself is still too big, the JSON text is cut and returned
/// as a string under <c>truncated_json</c>.
/// </summary>
internal static class OutputBounder
{
    private const int MinStringBytes = 64;

    public static (JsonNode? Data, bool Truncated, long OriginalSize, long OutputSize) Bound(JsonNode? data, int maxBytes)
    {
        if (data is null)
        {
            return (null, false, 0, 0);
        }

        var original = Size(data);
        if (original <= maxBytes)
        {
            return (data, false, original, original);
        }

        var copy = data.DeepClone();
        var size = original;
        for (var round = 0; round < 64 && size > maxBytes; round++)
        {
            var strings = new List<JsonValue>();
            Collect(copy, strings);
            var largest = strings
                .Select(s => (Node: s, Bytes: Encoding.UTF8.GetByteCount(s.GetValue<string>())))
                .Where(s => s.Bytes > MinStringBytes * 2)
                .OrderByDescending(s => s.Bytes)
                .FirstOrDefault();
            if (largest.Node is null)
            {
                break;
            }

            var excess = size - maxBytes;
            var target = (int)Math.Max(MinStringBytes, largest.Bytes - excess - 64);
            var (cut, _, _) = Utf8Truncation.HeadTail(largest.Node.GetValue<string>(), target);
            Replace(largest.Node, JsonValue.Create(cut));
            size = Size(copy);
        }

        if (size > maxBytes)
        {
            var (text, _, _) = Utf8Truncation.HeadTail(copy.ToJsonString(), Math.Max(MinStringBytes, maxBytes - 64));
            copy = new JsonObject { ["truncated_json"] = text };
            size = Size(copy);
        }

        return (copy, true, original, size);
    }

    internal static long Size(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString());

    private static void Collect(JsonNode? node, List<JsonValue> strings)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    Collect(v, strings);
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    Collect(v, strings);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                strings.Add(v);
                break;
        }
    }

    private static void Replace(JsonNode node, JsonNode replacement)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = replacement;
                break;
            case JsonArray a:
                a[node.GetElementIndex()] = replacement;
                break;
        }
    }
}
