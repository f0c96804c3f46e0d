using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.Policy;

/// <summary>One tool as the policy defines it, after merging, aliases and defaults.</summary>
public sealed class ToolPolicy
{
    /// <summary>Gets the tool name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description shown in <c>tools/list</c>.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the JSON Schema (2020-12) of the arguments, shown as <c>inputSchema</c>.</summary>
    public required JsonElement ArgsSchema { get; init; }

    /// <summary>
    /// Gets the JSON Schema of the tool's <c>data</c> (policy <c>output_schema</c>, else the pack's), or <see langword="null"/>.
    /// Published inside the result envelope's <c>outputSchema</c>; the pipeline validates every result against it.
    /// </summary>
    public JsonElement? OutputSchema { get; init; }

    /// <summary>Gets the implementation the policy entry resolved to (a pack's tool, or a policy-defined one such as a command tool).</summary>
    public ToolPacks.ToolDefinition? Implementation { get; init; }

    /// <summary>Gets a value indicating whether the tool changes the system.</summary>
    public bool Mutates { get; init; }

    /// <summary>Gets a value indicating whether calls need confirmation.</summary>
    public bool RequiresConfirm { get; init; }

    /// <summary>Gets the timeout in seconds (1..300).</summary>
    public int TimeoutSec { get; init; } = 30;

    /// <summary>Gets the events that send a notification: <c>success</c>, <c>failure</c>, <c>need_confirm</c>.</summary>
    public IReadOnlySet<string> Notify { get; init; } = new HashSet<string>();

    /// <summary>Gets the output cap in bytes, or <see langword="null"/> for the global limit.</summary>
    public int? MaxOutputBytes { get; init; }

    /// <summary>Gets the callers allowed to use the tool (key names or user ids, globs allowed); <see langword="null"/> allows everyone.</summary>
    public IReadOnlyList<string>? Allow { get; init; }

    /// <summary>
    /// Gets the requests the tool may send to the client while it runs (policy <c>client_requests</c>:
    /// <c>elicitation</c>, <c>sampling</c>; see <see cref="ToolPacks.ClientRequestKinds"/>); empty allows none.
    /// </summary>
    public IReadOnlySet<string> ClientRequests { get; init; } = new HashSet<string>();

    /// <summary>Gets the confirmation methods that count, in order of preference.</summary>
    public IReadOnlyList<ConfirmationMethod> Confirmation { get; init; } =
        [ConfirmationMethod.Elicitation, ConfirmationMethod.Approval, ConfirmationMethod.Argument];

    /// <summary>Gets tool-specific settings: every key of the entry that Burly does not interpret itself.</summary>
    public JsonObject Settings { get; init; } = [];

    /// <summary>Gets the file the definition came from (<c>(built-in)</c> for the embedded default).</summary>
    public string SourceFile { get; init; } = "(built-in)";

    /// <summary>Gets the line of the definition in <see cref="SourceFile"/>.</summary>
    public int Line { get; init; }
}
