using System.Text.Json;
using Burly.Pipeline;
using Burly.Policy;

namespace Burly.ToolPacks;

/// <summary>Everything a tool handler gets for one call.</summary>
public sealed class ToolContext
{
    /// <summary>Gets the tool name.</summary>
    public required string ToolName { get; init; }

    /// <summary>Gets the validated arguments (<c>_confirm</c> removed).</summary>
    public required JsonElement Arguments { get; init; }

    /// <summary>Gets the tool's policy entry (for tool-specific settings).</summary>
    public required ToolPolicy Policy { get; init; }

    /// <summary>Gets the global policy settings.</summary>
    public required PolicySettings PolicySettings { get; init; }

    /// <summary>Gets who is calling.</summary>
    public required CallerContext Caller { get; init; }

    /// <summary>Gets the request id (also in the audit record).</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the service provider.</summary>
    public required IServiceProvider Services { get; init; }

    /// <summary>Gets the sink for security violations (path escapes, …), which are audited, counted and notified.</summary>
    public required ISecurityEventSink Security { get; init; }

    /// <summary>Gets the caller's session: progress and log messages (a no-op outside MCP).</summary>
    public IToolSession Session { get; init; } = NullToolSession.Instance;

    /// <summary>Returns a string argument.</summary>
    /// <param name="name">The argument name.</param>
    /// <returns>The value, or <see langword="null"/> when absent or null.</returns>
    public string? GetString(string name) =>
        Arguments.ValueKind == JsonValueKind.Object && Arguments.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Returns a boolean argument.</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="defaultValue">The value when absent.</param>
    /// <returns>The value.</returns>
    public bool GetBoolean(string name, bool defaultValue = false) =>
        Arguments.ValueKind == JsonValueKind.Object && Arguments.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean() : defaultValue;

    /// <summary>Returns an integer argument.</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="defaultValue">The value when absent.</param>
    /// <returns>The value.</returns>
    public int GetInt32(string name, int defaultValue) =>
        Arguments.ValueKind == JsonValueKind.Object && Arguments.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i : defaultValue;

    /// <summary>Returns a string-array argument.</summary>
    /// <param name="name">The argument name.</param>
    /// <returns>The strings (empty when absent).</returns>
    public IReadOnlyList<string> GetStringArray(string name) =>
        Arguments.ValueKind == JsonValueKind.Object && Arguments.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
}
