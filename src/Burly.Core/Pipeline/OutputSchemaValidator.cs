using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Policy;
using Json.Schema;

namespace Burly.Pipeline;

/// <summary>Checks a tool's data against its output schema before anything is answered (schemas compiled once per policy text).</summary>
internal sealed class OutputSchemaValidator
{
    private const int MaxReported = 5;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    /// <summary>Returns the violations (empty when valid or when the tool declares no output schema).</summary>
    public IReadOnlyList<string> Validate(ToolPolicy tool, JsonNode? data)
    {
        if (tool.OutputSchema is not { } schemaElement)
        {
            return [];
        }

        var schema = _schemas.GetOrAdd(tool.Name + "\0" + schemaElement.GetRawText(), _ => JsonSchema.Build(schemaElement));
        var instance = data is null ? JsonDocument.Parse("null").RootElement : JsonSerializer.SerializeToElement(data);
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
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
