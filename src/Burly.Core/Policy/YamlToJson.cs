using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Burly.Policy;

/// <summary>
/// YAML → JSON with YAML 1.2 core-schema typing of plain scalars (quoted scalars stay strings).
/// YamlDotNet's object deserializer turns every scalar into a string, which breaks schemas (<c>minLength: 1</c> → "1").
/// </summary>
internal static class YamlToJson
{
    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => ConvertMapping(m),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Convert).ToArray()),
        YamlScalarNode sc when sc.Style is ScalarStyle.Plain => ConvertPlain(sc.Value),
        YamlScalarNode sc => JsonValue.Create(sc.Value),
        _ => throw new YamlException(node.Start, node.End, $"Unsupported YAML node '{node.NodeType}'."),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw new YamlException(key.Start, key.End, "Mapping keys must be plain strings.");
            }

            if (obj.ContainsKey(name))
            {
                throw new YamlException(key.Start, key.End, $"Duplicate key '{name}'.");
            }

            obj[name] = Convert(value);
        }

        return obj;
    }

    private static JsonNode? ConvertPlain(string? value) => value switch
    {
        null or "~" or "null" or "Null" or "NULL" or "" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        var v when long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        var v when v.Length > 0 && (char.IsDigit(v[0]) || v[0] is '-' or '+' or '.') && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        var v => JsonValue.Create(v),
    };
}
