using System.Text.Json.Nodes;

namespace Burly.ToolPacks;

/// <summary>
/// Builds tools that a policy entry defines by itself, without code (e.g. an entry with a <c>command:</c> argv).
/// Register one with <c>services.AddSingleton&lt;IPolicyToolFactory, …&gt;()</c>; a pack's tool of the same name wins.
/// </summary>
public interface IPolicyToolFactory
{
    /// <summary>Builds the tool for an entry, or returns <see langword="null"/> when the entry is not this factory's kind.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="entry">The policy entry's raw keys.</param>
    /// <returns>The tool, or <see langword="null"/>.</returns>
    /// <exception cref="ToolException">The entry is this factory's kind but invalid (code <c>INVALID_ARGUMENTS</c>; the message becomes a policy problem).</exception>
    ToolDefinition? Create(string name, JsonObject entry);
}
