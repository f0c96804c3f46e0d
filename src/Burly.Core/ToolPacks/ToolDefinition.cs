using System.Text.Json;

namespace Burly.ToolPacks;

/// <summary>Runs a tool. Arguments have already been validated against the policy schema.</summary>
/// <param name="context">The call.</param>
/// <param name="cancellationToken">Fires at the tool's timeout or when the caller goes away.</param>
/// <returns>The result.</returns>
public delegate ValueTask<ToolResult> ToolHandler(ToolContext context, CancellationToken cancellationToken);

/// <summary>A tool implemented by a pack: its name, defaults for the policy, traits and handler.</summary>
public sealed class ToolDefinition
{
    private static readonly JsonElement EmptyObjectSchema =
        JsonDocument.Parse("""{"type":"object","properties":{},"additionalProperties":false}""").RootElement.Clone();

    /// <summary>Gets the tool name (letters, digits, <c>_</c> and <c>-</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description used when the policy has none.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the argument schema used when the policy has none.</summary>
    public JsonElement DefaultSchema { get; init; } = EmptyObjectSchema;

    /// <summary>
    /// Gets the JSON Schema of the result's <c>data</c> (used when the policy has no <c>output_schema</c>), or
    /// <see langword="null"/>. Must have <c>type: object</c>; results that do not match fail with <c>INTERNAL</c>.
    /// </summary>
    public JsonElement? OutputSchema { get; init; }

    /// <summary>Gets a value indicating whether the tool changes the system; a policy cannot declare a mutating tool read-only.</summary>
    public bool Mutates { get; init; }

    /// <summary>Gets a value indicating whether repeating a call has no further effect (MCP <c>idempotentHint</c>).</summary>
    public bool Idempotent { get; init; }

    /// <summary>Gets a value indicating whether the tool talks to systems outside this host (MCP <c>openWorldHint</c>).</summary>
    public bool OpenWorld { get; init; }

    /// <summary>Gets the handler.</summary>
    public required ToolHandler Handler { get; init; }

    /// <summary>Parses a JSON schema text for <see cref="DefaultSchema"/>.</summary>
    /// <param name="json">The schema JSON.</param>
    /// <returns>The schema element.</returns>
    public static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
