using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.ToolPacks;

/// <summary>What a tool returns: a one-line summary and structured data.</summary>
public sealed class ToolResult
{
    /// <summary>Gets the one-line summary.</summary>
    public required string Summary { get; init; }

    /// <summary>Gets the structured data (becomes <c>structuredContent.data</c>).</summary>
    public JsonNode? Data { get; init; }

    /// <summary>
    /// Gets extra MCP content blocks (image, audio, resource link, embedded resource) sent after the summary and the
    /// JSON text. Each block is bounded by its type's cap (<c>Burly:Limits:MaxImageBytes</c>, <c>MaxAudioBytes</c>,
    /// <c>MaxResourceBytes</c>, <c>MaxContentBlocks</c>). Text blocks belong in <see cref="Summary"/> and <see cref="Data"/>.
    /// </summary>
    public IReadOnlyList<ModelContextProtocol.Protocol.ContentBlock>? Content { get; init; }

    /// <summary>Creates a result.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="data">The data.</param>
    /// <returns>The result.</returns>
    public static ToolResult Ok(string summary, JsonNode? data = null) => new() { Summary = summary, Data = data };

    /// <summary>Creates a result from any serializable value.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="summary">The summary.</param>
    /// <param name="data">The value, serialized with snake_case names.</param>
    /// <returns>The result.</returns>
    public static ToolResult Ok<T>(string summary, T data) =>
        new() { Summary = summary, Data = JsonSerializer.SerializeToNode(data, ToolJson.Options) };
}
