using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Policy;
using Json.Schema;

namespace Burly.Pipeline;

/// <summary>Checks a tool's data against its output schema before anything is answered (schemas compiled once per policy text).</summary>
internal sealed class OutputSchemaValidator
{
    private const int MaxReported = 5;
    private static readonly EvaluationOptions FlagOptions = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions ListOptions = new() { OutputFormat = OutputFormat.List };
    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<JsonNode> NodeTypeInfo =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<JsonNode>)JsonSerializerOptions.Default.GetTypeInfo(typeof(JsonNode));
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ToolPolicy, JsonSchema> _byTool = new();

    /// <summary>Returns the violations (empty when valid or when the tool declares no output schema).</summary>
    public IReadOnlyList<string> Validate(ToolPolicy tool, JsonNode? data)
    {
        if (tool.OutputSchema is not { } schemaElement)
        {
            return [];
        }

        // Per call: one weak-table lookup (no schema text rebuilt), a flag-only evaluation; details only when invalid.
        if (!_byTool.TryGetValue(tool, out var schema))
        {
            schema = _schemas.GetOrAdd(tool.Name + "\0" + schemaElement.GetRawText(), _ => JsonSchema.Build(schemaElement));
            _byTool.AddOrUpdate(tool, schema);
        }

        var instance = data is null ? NullElement : JsonSerializer.SerializeToElement(data, NodeTypeInfo);
        if (schema.Evaluate(instance, FlagOptions).IsValid)
        {
            return [];
        }

        var result = schema.Evaluate(instance, ListOptions);
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } p ? p : "/")}: {e.Value}"))
            .Distinct()
            .Take(MaxReported)
            .DefaultIfEmpty("/: does not match the output schema")
            .ToList();
    }
}
