using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Burly.Tools.Blog;

/// <summary>
/// Reads a YAML front-matter block into JSON from YamlDotNet's event parser, without recursion: nesting deeper than
/// <see cref="MaxNesting"/> or more than <see cref="MaxNodes"/> values (aliases expanded) is refused as soon as it is
/// seen, so a hostile post cannot exhaust the stack or memory (the representation model loads recursively).
/// Plain scalars are typed by the YAML 1.2 core schema (null, booleans, numbers); everything else, dates included,
/// stays text — the Python version turned unquoted dates into objects it could not serialise.
/// </summary>
internal static partial class FrontMatterReader
{
    /// <summary>The deepest nesting of collections accepted.</summary>
    public const int MaxNesting = 64;

    /// <summary>The most values accepted, aliases expanded (guards against "billion laughs").</summary>
    public const int MaxNodes = 10_000;

    /// <summary>Reads the block.</summary>
    /// <param name="yaml">The YAML between the delimiters.</param>
    /// <returns>The root value, or <see langword="null"/> for an empty block.</returns>
    /// <exception cref="YamlException">The YAML is malformed (with its position).</exception>
    /// <exception cref="FormatException">The YAML is well formed but not acceptable (too deep, too large, keys that are not text, duplicate keys).</exception>
    public static JsonNode? Read(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var stack = new Stack<Frame>();
        var anchors = new Dictionary<string, (JsonNode? Node, int Size)>(StringComparer.Ordinal);
        var budget = MaxNodes;
        var documents = 0;
        JsonNode? root = null;

        void Add(JsonNode? node, int size, string? anchor, Mark at)
        {
            budget -= size;
            if (budget < 0)
            {
                throw new FormatException($"The front matter is too large: more than {MaxNodes} values (check for repeated aliases).");
            }

            if (anchor is not null)
            {
                anchors[anchor] = (node, size);
            }

            if (stack.Count == 0)
            {
                root = node;
                return;
            }

            var parent = stack.Peek();
            parent.Size += size;
            if (parent.Container is JsonArray array)
            {
                array.Add(node);
                return;
            }

            var mapping = (JsonObject)parent.Container;
            if (parent.Key is null)
            {
                if (node is JsonValue key && key.ToString() is { } name)
                {
                    if (mapping.ContainsKey(name))
                    {
                        throw new FormatException($"Duplicate front-matter key '{Shorten(name)}' (line {at.Line + 1}).");
                    }

                    parent.Key = name;
                    return;
                }

                throw new FormatException($"Front-matter keys must be text (line {at.Line + 1}).");
            }

            mapping[parent.Key] = node;
            parent.Key = null;
        }

        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    if (++documents > 1)
                    {
                        throw new FormatException("The front matter holds more than one YAML document.");
                    }

                    break;

                case Scalar scalar:
                    var isKey = stack.Count > 0 && stack.Peek() is { Container: JsonObject, Key: null };
                    JsonNode? value = scalar.Style == ScalarStyle.Plain && !isKey ? Plain(scalar.Value) : JsonValue.Create(scalar.Value ?? string.Empty);
                    Add(value, 1, AnchorOf(scalar), scalar.Start);
                    break;

                case SequenceStart sequence:
                    Push(stack, new JsonArray(), AnchorOf(sequence), sequence.Start);
                    break;

                case MappingStart mapping:
                    Push(stack, new JsonObject(), AnchorOf(mapping), mapping.Start);
                    break;

                case SequenceEnd or MappingEnd:
                    var done = stack.Pop();
                    Add(done.Container, done.Size + 1, done.Anchor, done.Start);
                    break;

                case AnchorAlias alias:
                    var name = alias.Value.ToString();
                    if (!anchors.TryGetValue(name, out var anchored))
                    {
                        throw new FormatException($"The alias *{Shorten(name)} refers to an unknown anchor (line {alias.Start.Line + 1}).");
                    }

                    Add(anchored.Node?.DeepClone(), anchored.Size, null, alias.Start);
                    break;
            }
        }

        return root;
    }

    private static void Push(Stack<Frame> stack, JsonNode container, string? anchor, Mark start)
    {
        if (stack.Count > 0 && stack.Peek() is { Container: JsonObject, Key: null })
        {
            throw new FormatException($"Front-matter keys must be text (line {start.Line + 1}).");
        }

        if (stack.Count >= MaxNesting)
        {
            throw new FormatException($"The front matter is nested more than {MaxNesting} levels deep.");
        }

        stack.Push(new Frame(container, anchor, start));
    }

    private static string? AnchorOf(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static JsonNode? Plain(string? value) => value switch
    {
        null or "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        var v when IntegerPattern().IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        var v when FloatPattern().IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
        var v => JsonValue.Create(v),
    };

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    private sealed class Frame(JsonNode container, string? anchor, Mark start)
    {
        public JsonNode Container { get; } = container;

        public string? Anchor { get; } = anchor;

        public Mark Start { get; } = start;

        public string? Key { get; set; }

        public int Size { get; set; }
    }
}
