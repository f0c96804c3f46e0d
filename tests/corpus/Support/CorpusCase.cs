using System.Text.Json.Nodes;

namespace Burly.Tests.Corpus;

/// <summary>One hostile-input case from a <c>tests/corpus/*.jsonl</c> file.</summary>
public sealed class CorpusCase
{
    private CorpusCase(JsonObject node)
    {
        Node = node;
        Id = (string)node["id"]!;
        Category = (string?)node["category"] ?? "";
        Send = node["send"]!.AsObject();
        Expect = node["expect"]!.AsObject();
    }

    public string Id { get; }

    public string Category { get; }

    internal JsonObject Send { get; }

    internal JsonObject Expect { get; }

    internal JsonObject Node { get; }

    public override string ToString() => Id;

    /// <summary>Loads the cases of one corpus file copied next to the tests (corpus/NAME).</summary>
    public static IEnumerable<TestCaseData> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "corpus", file);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var c = new CorpusCase(JsonNode.Parse(line)!.AsObject());
            yield return new TestCaseData(c).SetName(c.Id).SetCategory("Corpus");
        }
    }

    /// <summary>Replaces {OUTSIDE}, {STAGE}, {PUBLISH}, {KEY}, {KEYPREFIX} in every string of a JSON value.</summary>
    internal static JsonNode? Substitute(JsonNode? node, Func<string, string> replace) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Substitute(kv.Value, replace)))),
        JsonArray a => new JsonArray(a.Select(x => Substitute(x, replace)).ToArray()),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(replace((string)v!)),
        null => null,
        _ => node.DeepClone(),
    };
}
