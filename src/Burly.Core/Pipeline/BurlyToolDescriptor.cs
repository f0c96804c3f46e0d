using System.Text.Json;
using Burly.Policy;

namespace Burly.Pipeline;

/// <summary>A tool as a caller sees it: the policy's description and schema, and the MCP annotations.</summary>
public sealed record BurlyToolDescriptor
{
    /// <summary>Gets the tool name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the policy's description.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the policy's <c>args_schema</c> (the MCP <c>inputSchema</c>).</summary>
    public required JsonElement InputSchema { get; init; }

    /// <summary>Gets a value indicating whether the tool changes nothing (<c>readOnlyHint</c>).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Gets a value indicating whether the tool changes the system (<c>destructiveHint</c>).</summary>
    public bool Destructive { get; init; }

    /// <summary>Gets a value indicating whether repeating the call has no further effect (<c>idempotentHint</c>).</summary>
    public bool Idempotent { get; init; }

    /// <summary>Gets a value indicating whether the tool talks to systems outside the host (<c>openWorldHint</c>).</summary>
    public bool OpenWorld { get; init; }

    /// <summary>Gets a value indicating whether the policy requires confirmation before the tool runs.</summary>
    public bool RequiresConfirmation { get; init; }

    /// <summary>Gets the tool's full policy entry.</summary>
    public required ToolPolicy Policy { get; init; }
}
