using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Policy;
using Json.Schema;

namespace Burly.Pipeline;

/// <summary>Validates arguments against the policy schema (JsonSchema.Net) and the size/depth limits, reporting every violation with its JSON path.</summary>
internal sealed class ArgumentValidator
{
    private static readonly EvaluationOptions FlagOptions = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions ListOptions = new() { OutputFormat = OutputFormat.List };
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ToolPolicy, JsonSchema> _byTool = new();

    public IReadOnlyList<string> Validate(ToolPolicy tool, JsonElement arguments, int maxDepth, int maxBytes)
    {
        var problems = new List<string>();
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"/: arguments must be a JSON object, not {arguments.ValueKind.ToString().ToLowerInvariant()}");
            return problems;
        }

        var size = arguments.GetRawText().Length;
        if (size > maxBytes)
        {
            problems.Add($"/: arguments are {size} bytes; the limit is {maxBytes}");
            return problems;
        }

        var depth = Depth(arguments);
        if (depth > maxDepth)
        {
            problems.Add($"/: arguments are nested {depth} levels deep; the limit is {maxDepth}");
            return problems;
        }

        // Per call: one weak-table lookup (no schema text rebuilt), a flag-only evaluation; details only when invalid.
        if (!_byTool.TryGetValue(tool, out var schema))
        {
            schema = _schemas.GetOrAdd(tool.Name + "\0" + tool.ArgsSchema.GetRawText(), _ => JsonSchema.Build(tool.ArgsSchema));
            _byTool.AddOrUpdate(tool, schema);
        }

        if (schema.Evaluate(arguments, FlagOptions).IsValid)
        {
            return problems;
        }

        var result = schema.Evaluate(arguments, ListOptions);
        if (result.IsValid)
        {
            return problems;
        }

        foreach (var detail in result.Details ?? [])
        {
            if (detail.Errors is null)
            {
                continue;
            }

            var path = detail.InstanceLocation.ToString();
            foreach (var (keyword, message) in detail.Errors)
            {
                var text = keyword == "additionalProperties" || message.Contains("false schema", StringComparison.Ordinal)
                    ? "unexpected property; allowed: " + string.Join(", ", AllowedProperties(tool.ArgsSchema))
                    : message;
                problems.Add($"{(path.Length == 0 ? "/" : path)}: {text}");
            }
        }

        if (problems.Count == 0)
        {
            problems.Add("/: arguments do not match the schema");
        }

        return problems.Distinct().ToList();
    }

    private static IEnumerable<string> AllowedProperties(JsonElement schema) =>
        schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
            ? props.EnumerateObject().Select(p => p.Name)
            : [];

    private static int Depth(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => 1 + element.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + element.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    internal static JsonArray ToJson(IReadOnlyList<string> problems) => new(problems.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
}
