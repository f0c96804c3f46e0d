using System.Text;
using System.Text.Json.Nodes;

namespace Burly.Tests.Corpus;

/// <summary>
/// A seeded mutation fuzzer over valid JSON messages: bit flips, truncations, type swaps, duplicated and removed
/// fields, huge numbers and deep nesting. <c>BURLY_FUZZ_ITERATIONS</c> and <c>BURLY_FUZZ_SEED</c> override the
/// bounded CI defaults for longer soak runs.
/// </summary>
internal sealed class JsonMutator(int seed)
{
    private readonly Random _random = new(seed);

    public static int Iterations(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("BURLY_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : ciDefault;

    public static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("BURLY_FUZZ_SEED"), out var s) ? s : Environment.TickCount & 0x7fffffff;

    /// <summary>One mutated message (bytes; may be invalid UTF-8 or invalid JSON).</summary>
    public byte[] Mutate(string valid)
    {
        var kind = _random.Next(8);
        switch (kind)
        {
            case 0:
            {
                var bytes = Encoding.UTF8.GetBytes(valid);
                for (var i = 0; i < 1 + _random.Next(4); i++)
                {
                    bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
                }

                return bytes;
            }

            case 1:
                return Encoding.UTF8.GetBytes(valid[.._random.Next(valid.Length)]);
            case 2:
            {
                // Duplicate a field textually (JSON objects with repeated keys).
                var at = valid.IndexOf(',', _random.Next(valid.Length / 2));
                var start = valid.LastIndexOf('"', Math.Max(0, at - 2));
                return at > 0 && start > 0 ? Encoding.UTF8.GetBytes(valid[..at] + "," + valid[(valid.LastIndexOf('"', Math.Max(0, start - 1)))..at] + valid[at..]) : Encoding.UTF8.GetBytes(valid + valid);
            }

            default:
            {
                var node = JsonNode.Parse(valid)!;
                var all = Flatten(node).ToList();
                var target = all[_random.Next(all.Count)];
                Replace(node, target, kind);
                return Encoding.UTF8.GetBytes(node.ToJsonString());
            }
        }
    }

    private void Replace(JsonNode root, JsonNode target, int kind)
    {
        JsonNode? replacement = kind switch
        {
            3 => SwapType(target),
            4 => JsonValue.Create(_random.Next(3) switch { 0 => double.MaxValue, 1 => long.MinValue, _ => 1e300 }),
            5 => Deep(_random.Next(2, 3000)),
            6 => JsonValue.Create(new string('\u00e9', _random.Next(1, 70000))),
            _ => null,
        };
        if (target.Parent is JsonObject parent)
        {
            var key = parent.First(kv => ReferenceEquals(kv.Value, target)).Key;
            if (kind == 7)
            {
                parent.Remove(key);
            }
            else
            {
                parent[key] = replacement;
            }
        }
        else if (target.Parent is JsonArray array)
        {
            array[array.IndexOf(target)] = replacement;
        }
        else if (root is JsonObject o && o.Count > 0)
        {
            o.Remove(o.ElementAt(_random.Next(o.Count)).Key);
        }
    }

    private JsonNode? SwapType(JsonNode target) => (target.GetValueKind(), _random.Next(3)) switch
    {
        (System.Text.Json.JsonValueKind.String, 0) => JsonValue.Create(42),
        (System.Text.Json.JsonValueKind.String, 1) => new JsonArray(),
        (System.Text.Json.JsonValueKind.Object, _) => JsonValue.Create("object"),
        (System.Text.Json.JsonValueKind.Array, _) => new JsonObject(),
        (_, 0) => JsonValue.Create("\ud800"),
        (_, 1) => new JsonObject { ["x"] = null },
        _ => JsonValue.Create(true),
    };

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < Math.Min(depth, 60); i++)
        {
            node = new JsonArray(node);
        }

        return depth > 60 ? JsonValue.Create(new string('[', depth))! : node;
    }

    private static IEnumerable<JsonNode> Flatten(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(kv => kv.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is not null)
            {
                foreach (var inner in Flatten(child))
                {
                    yield return inner;
                }
            }
        }
    }
}
