using System.Text.Json.Nodes;

namespace Burly.Pipeline;

/// <summary>A client-safe error: stable code, message (what was wrong and how to fix it) and details.</summary>
/// <param name="Code">A code from <see cref="BurlyErrorCodes"/>.</param>
/// <param name="Message">The message.</param>
/// <param name="Details">Optional details.</param>
public sealed record ToolCallError(string Code, string Message, JsonNode? Details = null);
