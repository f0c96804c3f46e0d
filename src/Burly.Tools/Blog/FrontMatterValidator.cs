using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

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
/// non-empty <c>tags</c> list of non-empty texts. Every problem is reported at once. The YAML is read by
/// <see cref="FrontMatterReader"/>, so scalars are never turned into .NET dates (the Python version crashed on
/// unquoted dates). CRLF and CR line endings are accepted; the caller strips a UTF-8 byte order mark.
/// </summary>
internal static partial class FrontMatterValidator
{
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
        JsonNode? root;
        try
        {
            root = FrontMatterReader.Read(yaml);
        }
        catch (YamlException ex)
        {
            // +1: the opening --- line comes before the YAML.
            return Fail($"Invalid YAML syntax at line {ex.Start.Line + 1}, column {ex.Start.Column}: {FirstLine(ex.Message)}");
        }
        catch (FormatException ex)
        {
            return Fail(ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these on some malformed input (e.g. an unclosed flow sequence at the end).
            return Fail("Invalid YAML syntax: the front matter could not be parsed (check for unclosed brackets or quotes).");
        }

        if (root is not null and not JsonObject)
        {
            return Fail("The front matter must be a YAML mapping of 'key: value' lines.");
        }

        var mapping = (JsonObject?)root ?? [];
        var errors = new List<string>();
        CheckTitle(mapping, errors);
        CheckDate(mapping, errors);
        CheckTags(mapping, errors);
        return new FrontMatterReport(mapping, errors);
    }

    private static FrontMatterReport Fail(string error) => new(null, [error]);

    private static void CheckTitle(JsonObject mapping, List<string> errors)
    {
        if (!mapping.TryGetPropertyValue("title", out var title))
        {
            errors.Add("Missing required field: title");
        }
        else if (IsEmpty(title))
        {
            errors.Add("Empty required field: title");
        }
        else if (title is not JsonValue)
        {
            errors.Add("Field 'title' must be text, e.g. title: \"My post\"");
        }
    }

    private static void CheckDate(JsonObject mapping, List<string> errors)
    {
        if (!mapping.TryGetPropertyValue("date", out var date))
        {
            errors.Add("Missing required field: date");
            return;
        }

        if (IsEmpty(date))
        {
            errors.Add("Empty required field: date");
            return;
        }

        if (date is not JsonValue value)
        {
            errors.Add("Field 'date' must be a date in YYYY-MM-DD format, not a list or mapping");
            return;
        }

        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        var match = DatePattern().Match(text.Trim());
        if (!match.Success)
        {
            errors.Add($"Field 'date' must be in YYYY-MM-DD format, e.g. date: 2024-01-31 (got '{Shorten(text)}')");
        }
        else if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"Field 'date' is not a real calendar date: {match.Groups["date"].Value}");
        }
        else if (match.Groups["h"].Success && (Num(match.Groups["h"]) > 23 || Num(match.Groups["m"]) > 59 || (match.Groups["s"].Success && Num(match.Groups["s"]) > 60)))
        {
            errors.Add($"Field 'date' has an invalid time of day: {Shorten(text)}");
        }
    }

    private static void CheckTags(JsonObject mapping, List<string> errors)
    {
        if (!mapping.TryGetPropertyValue("tags", out var tags))
        {
            errors.Add("Missing required field: tags");
        }
        else if (IsEmpty(tags))
        {
            errors.Add("Empty required field: tags");
        }
        else if (tags is not JsonArray list)
        {
            errors.Add("Tags field should be a list, e.g. tags: [news, dotnet]");
        }
        else if (list.Count == 0)
        {
            errors.Add("Tags field should not be empty: list at least one tag, e.g. tags: [news]");
        }
        else
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is not JsonValue || IsEmpty(list[i]))
                {
                    errors.Add($"Tag {i + 1} must be non-empty text");
                }
            }
        }
    }

    private static bool IsEmpty(JsonNode? node) =>
        node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>()));

    private static int Num(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:[Tt ](?<h>[0-9]{2}):(?<m>[0-9]{2})(?::(?<s>[0-9]{2})(?:\.[0-9]{1,9})?)?[ \t]*(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
