using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Burly.Tools.Blog;

/// <summary>The front matter of a post and every problem found in it.</summary>
/// <param name="FrontMatter">The front matter as JSON (dates stay text), or <see langword="null"/> when it could not be parsed.</param>
/// <param name="Errors">Every problem, in file order; empty when valid.</param>
internal sealed record FrontMatterReport(JsonObject? FrontMatter, IReadOnlyList<string> Errors)
{
    /// <summary>Gets a value indicating whether the post is valid.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks a Markdown post's YAML front matter: it must open the file with a <c>---</c> line and close with a
/// <c>---</c> (or <c>...</c>) line; it must be a mapping with a non-empty text <c>title</c>, a <c>date</c> in
/// <c>YYYY-MM-DD</c> form (quoted or not, optionally followed by a time) that is a real calendar date, and a
/// non-empty <c>tags</c> list of non-empty texts. Every problem is reported at once. The YAML is read with
/// YamlDotNet's representation model, so scalars are never turned into .NET dates (the Python version crashed on
/// unquoted dates). CRLF and CR line endings are accepted; the caller strips a UTF-8 byte order mark.
/// </summary>
internal static partial class FrontMatterValidator
{
    /// <summary>The deepest nesting of flow collections accepted (guards the recursive YAML loader).</summary>
    public const int MaxNesting = 64;

    /// <summary>The most YAML nodes converted to JSON (guards against alias expansion bombs).</summary>
    public const int MaxNodes = 10_000;

    /// <summary>Validates a post.</summary>
    /// <param name="text">The whole post, without a byte order mark.</param>
    /// <returns>The report.</returns>
    public static FrontMatterReport Validate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        if (lines[0].TrimEnd(' ', '\t') != "---")
        {
            return Fail("Missing YAML front-matter start delimiter (---): the file must begin with a line containing only ---.");
        }

        var end = -1;
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd(' ', '\t') is "---" or "...")
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            return Fail("Missing YAML front-matter end delimiter (---): close the front matter with a line containing only ---.");
        }

        var yaml = string.Join('\n', lines[1..end]);
        if (MaxFlowNesting(yaml) > MaxNesting)
        {
            return Fail($"The front matter is nested more than {MaxNesting} levels deep.");
        }

        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (stream.Documents.Count > 1)
            {
                return Fail("The front matter holds more than one YAML document.");
            }
        }
        catch (YamlException ex)
        {
            // +1: the opening --- line comes before the YAML.
            return Fail($"Invalid YAML syntax at line {ex.Start.Line + 1}, column {ex.Start.Column}: {FirstLine(ex.Message)}");
        }

        YamlMappingNode mapping;
        switch (root)
        {
            case null:
            case YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" }:
                mapping = new YamlMappingNode();
                break;
            case YamlMappingNode m:
                mapping = m;
                break;
            default:
                return Fail("The front matter must be a YAML mapping of 'key: value' lines.");
        }

        var errors = new List<string>();
        JsonObject? json;
        try
        {
            var budget = MaxNodes;
            json = (JsonObject?)ToJson(mapping, 0, ref budget);
        }
        catch (FormatException ex)
        {
            json = null;
            errors.Add(ex.Message);
        }

        CheckTitle(mapping, errors);
        CheckDate(mapping, errors);
        CheckTags(mapping, errors);
        return new FrontMatterReport(json, errors);
    }

    private static FrontMatterReport Fail(string error) => new(null, [error]);

    private static void CheckTitle(YamlMappingNode mapping, List<string> errors)
    {
        switch (Get(mapping, "title"))
        {
            case null:
                errors.Add("Missing required field: title");
                break;
            case YamlScalarNode scalar when IsEmpty(scalar):
                errors.Add("Empty required field: title");
                break;
            case YamlScalarNode:
                break;
            default:
                errors.Add("Field 'title' must be text, e.g. title: \"My post\"");
                break;
        }
    }

    private static void CheckDate(YamlMappingNode mapping, List<string> errors)
    {
        switch (Get(mapping, "date"))
        {
            case null:
                errors.Add("Missing required field: date");
                break;
            case YamlScalarNode scalar when IsEmpty(scalar):
                errors.Add("Empty required field: date");
                break;
            case YamlScalarNode { Value: { } value }:
                var match = DatePattern().Match(value.Trim());
                if (!match.Success)
                {
                    errors.Add($"Field 'date' must be in YYYY-MM-DD format, e.g. date: 2024-01-31 (got '{Shorten(value)}')");
                }
                else if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    errors.Add($"Field 'date' is not a real calendar date: {match.Groups["date"].Value}");
                }
                else if (match.Groups["h"].Success && (Num(match.Groups["h"]) > 23 || Num(match.Groups["m"]) > 59 || (match.Groups["s"].Success && Num(match.Groups["s"]) > 60)))
                {
                    errors.Add($"Field 'date' has an invalid time of day: {Shorten(value)}");
                }

                break;
            default:
                errors.Add("Field 'date' must be a date in YYYY-MM-DD format, not a list or mapping");
                break;
        }
    }

    private static void CheckTags(YamlMappingNode mapping, List<string> errors)
    {
        switch (Get(mapping, "tags"))
        {
            case null:
                errors.Add("Missing required field: tags");
                break;
            case YamlScalarNode scalar when IsEmpty(scalar):
                errors.Add("Empty required field: tags");
                break;
            case YamlSequenceNode { Children.Count: 0 }:
                errors.Add("Tags field should not be empty: list at least one tag, e.g. tags: [news]");
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    if (sequence.Children[i] is not YamlScalarNode item || IsEmpty(item))
                    {
                        errors.Add($"Tag {i + 1} must be non-empty text");
                    }
                }

                break;
            default:
                errors.Add("Tags field should be a list, e.g. tags: [news, dotnet]");
                break;
        }
    }

    private static YamlNode? Get(YamlMappingNode mapping, string key)
    {
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return v;
            }
        }

        return null;
    }

    private static bool IsEmpty(YamlScalarNode scalar) =>
        string.IsNullOrWhiteSpace(scalar.Value) || (scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL");

    private static int Num(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    /// <summary>An upper bound of the flow-collection nesting (brackets inside quotes count too; that only errs on the safe side).</summary>
    private static int MaxFlowNesting(string yaml)
    {
        int depth = 0, max = 0;
        foreach (var c in yaml)
        {
            if (c is '[' or '{')
            {
                max = Math.Max(max, ++depth);
            }
            else if (c is ']' or '}' && depth > 0)
            {
                depth--;
            }
        }

        return max;
    }

    /// <summary>YAML → JSON with core-schema typing of plain scalars; everything else (dates included) stays text.</summary>
    private static JsonNode? ToJson(YamlNode node, int depth, ref int budget)
    {
        if (--budget < 0)
        {
            throw new FormatException($"The front matter is too large: more than {MaxNodes} values (check for repeated aliases).");
        }

        if (depth > MaxNesting)
        {
            throw new FormatException($"The front matter is nested more than {MaxNesting} levels deep.");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new FormatException($"Front-matter keys must be text (line {key.Start.Line + 1}).");
                    }

                    if (obj.ContainsKey(name))
                    {
                        throw new FormatException($"Duplicate front-matter key '{Shorten(name)}' (line {key.Start.Line + 1}).");
                    }

                    obj[name] = ToJson(value, depth + 1, ref budget);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var child in sequence.Children)
                {
                    array.Add(ToJson(child, depth + 1, ref budget));
                }

                return array;
            case YamlScalarNode { Style: ScalarStyle.Plain } plain:
                return Plain(plain.Value);
            case YamlScalarNode scalar:
                return JsonValue.Create(scalar.Value ?? string.Empty);
            default:
                throw new FormatException("The front matter contains an unsupported YAML node.");
        }
    }

    private static JsonNode? Plain(string? value) => value switch
    {
        null or "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        var v when IntegerPattern().IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        var v when FloatPattern().IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
        var v => JsonValue.Create(v),
    };

    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:[Tt ](?<h>[0-9]{2}):(?<m>[0-9]{2})(?::(?<s>[0-9]{2})(?:\.[0-9]{1,9})?)?[ \t]*(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
