using System.Text.Json;

namespace Burly.Host.Http.Legacy;

/// <summary>A request in the Python version's shape, normalised.</summary>
/// <param name="IdJson">The raw JSON of <c>id</c> (string or number) to echo, or <see langword="null"/>.</param>
/// <param name="Method"><c>list_tools</c> or <c>call_tool</c>.</param>
/// <param name="ToolName">The tool name (call_tool).</param>
/// <param name="Arguments">The arguments object (call_tool; <c>{}</c> when absent).</param>
internal sealed record LegacyRequest(string? IdJson, string Method, string? ToolName, JsonElement Arguments)
{
    /// <summary>The <c>list_tools</c> method.</summary>
    public const string ListTools = "list_tools";

    /// <summary>The <c>call_tool</c> method.</summary>
    public const string CallTool = "call_tool";
}
