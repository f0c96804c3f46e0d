using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Burly.ToolPacks;

namespace Burly.Tools.Command;

/// <summary>
/// A policy entry's <c>command:</c> argv, parsed once at policy load. An element is either literal text or exactly
/// <c>{arg}</c>, which is replaced by that argument's value as one whole argv element (never split, never given to a shell).
/// </summary>
internal sealed partial class CommandSpec
{
    private CommandSpec(IReadOnlyList<string> argv, string? workingDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlySet<int> okExitCodes, bool allowOptionValues, JsonObject? propertySchemas)
    {
        Argv = argv;
        WorkingDirectory = workingDirectory;
        Environment = environment;
        OkExitCodes = okExitCodes;
        AllowOptionValues = allowOptionValues;
        PropertySchemas = propertySchemas;
    }

    public IReadOnlyList<string> Argv { get; }

    public string? WorkingDirectory { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public IReadOnlySet<int> OkExitCodes { get; }

    public bool AllowOptionValues { get; }

    private JsonObject? PropertySchemas { get; }

    /// <summary>Parses an entry; throws <see cref="ToolException"/> with a policy-author message when it is invalid.</summary>
    public static CommandSpec Parse(string name, JsonObject entry)
    {
        static ToolException Invalid(string message) => new(BurlyErrorCodes.InvalidArguments, message);

        if (entry["command"] is not JsonArray command || command.Count == 0
            || command.Any(e => e is not JsonValue v || v.GetValueKind() != JsonValueKind.String || string.IsNullOrEmpty(v.GetValue<string>())))
        {
            throw Invalid("'command' must be a non-empty list of strings (the argv; it is never run through a shell).");
        }

        var argv = command.Select(e => e!.GetValue<string>()).ToList();
        var properties = entry["args_schema"]?["properties"] as JsonObject;
        for (var i = 0; i < argv.Count; i++)
        {
            var element = argv[i];
            if (Placeholder().Match(element) is { Success: true } m)
            {
                if (i == 0)
                {
                    throw Invalid("'command[0]' (the program) cannot be an argument placeholder.");
                }

                if (properties is null || !properties.ContainsKey(m.Groups[1].Value))
                {
                    throw Invalid($"'command' uses {{{m.Groups[1].Value}}} but 'args_schema.properties' has no '{m.Groups[1].Value}'.");
                }
            }
            else if (element.Contains('{', StringComparison.Ordinal) || element.Contains('}', StringComparison.Ordinal))
            {
                throw Invalid($"'command' element '{element}' mixes text and a placeholder; a placeholder must be a whole element such as \"{{name}}\".");
            }
            else if (element.Any(char.IsControl))
            {
                throw Invalid("'command' elements cannot contain control characters.");
            }
        }

        if (!argv[0].StartsWith('/') && argv[0].Contains('/', StringComparison.Ordinal))
        {
            throw Invalid("'command[0]' must be an absolute path or a bare program name looked up in the command PATH.");
        }

        string? workingDirectory = null;
        if (entry["working_dir"] is { } wd)
        {
            if (wd is not JsonValue wv || wv.GetValueKind() != JsonValueKind.String || !wv.GetValue<string>().StartsWith('/'))
            {
                throw Invalid("'working_dir' must be an absolute directory path.");
            }

            workingDirectory = wv.GetValue<string>();
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entry["env"] is { } env)
        {
            if (env is not JsonObject envObject)
            {
                throw Invalid("'env' must be a mapping of variable names to literal strings.");
            }

            foreach (var (key, value) in envObject)
            {
                if (!EnvName().IsMatch(key) || value is not JsonValue ev || ev.GetValueKind() != JsonValueKind.String)
                {
                    throw Invalid($"'env.{key}' must be an upper-case variable name with a literal string value.");
                }

                environment[key] = ev.GetValue<string>();
            }
        }

        var ok = new HashSet<int> { 0 };
        if (entry["ok_exit_codes"] is { } codes)
        {
            static int Code(JsonNode? c) =>
                c is JsonValue cv && cv.GetValueKind() == JsonValueKind.Number && int.TryParse(cv.ToJsonString(), out var n) && n is >= 0 and <= 255 ? n : -1;
            if (codes is not JsonArray ca || ca.Count == 0 || ca.Any(c => Code(c) < 0))
            {
                throw Invalid("'ok_exit_codes' must be a non-empty list of exit codes (0..255).");
            }

            ok = ca.Select(Code).ToHashSet();
        }

        var allowOptions = entry["allow_option_values"] is JsonValue ao && ao.GetValueKind() == JsonValueKind.True;
        _ = name;
        return new CommandSpec(argv, workingDirectory, environment, ok, allowOptions, properties);
    }

    /// <summary>Builds the argv for one call; throws <see cref="ToolException"/> (INVALID_ARGUMENTS) for unsafe values.</summary>
    public IReadOnlyList<string> Expand(JsonElement arguments)
    {
        var result = new List<string>(Argv.Count);
        foreach (var element in Argv)
        {
            if (Placeholder().Match(element) is not { Success: true } m)
            {
                result.Add(element);
                continue;
            }

            var arg = m.Groups[1].Value;
            JsonNode? value = arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(arg, out var v)
                ? JsonNode.Parse(v.GetRawText())
                : PropertySchemas?[arg]?["default"]?.DeepClone();
            if (value is null)
            {
                continue; // An absent optional argument drops its element.
            }

            result.Add(ToArgv(arg, value));
        }

        return result;
    }

    private string ToArgv(string arg, JsonNode value)
    {
        string text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.GetValue<JsonElement>().GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw new ToolException(BurlyErrorCodes.InvalidArguments, $"Argument '{arg}' must be a string, number or boolean to be passed to the command."),
        };

        if (text.Length == 0 || text.Any(char.IsControl))
        {
            throw new ToolException(BurlyErrorCodes.InvalidArguments, $"Argument '{arg}' must be non-empty and cannot contain control characters (newlines, NUL, …).");
        }

        if (text.StartsWith('-') && !AllowOptionValues)
        {
            throw new ToolException(BurlyErrorCodes.InvalidArguments, $"Argument '{arg}' cannot start with '-' (it would be read as an option). Pass a value, not an option.");
        }

        if (text.Split('/').Contains(".."))
        {
            throw new ToolException(BurlyErrorCodes.InvalidArguments, $"Argument '{arg}' cannot contain a '..' path segment.");
        }

        return text;
    }

    [GeneratedRegex("^\\{([A-Za-z_][A-Za-z0-9_]*)\\}$")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[A-Z_][A-Z0-9_]*$")]
    private static partial Regex EnvName();
}
