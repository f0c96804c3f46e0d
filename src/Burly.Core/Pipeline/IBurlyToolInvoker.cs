namespace Burly.Pipeline;

/// <summary>
/// The in-process entry to Burly's tools: the same pipeline (policy, schema validation, confirmation, limits, audit,
/// metrics, notifications) that MCP calls take, without an MCP hop. Hosts, the CLI and in-process agents depend on this.
/// </summary>
public interface IBurlyToolInvoker
{
    /// <summary>Lists the tools the current policy exposes to a caller (enabled, implemented, and allowed for this caller).</summary>
    /// <param name="caller">The caller.</param>
    /// <returns>The tools, in policy order.</returns>
    IReadOnlyList<BurlyToolDescriptor> ListTools(CallerContext caller);

    /// <summary>Runs one call through every pipeline step. Never throws for tool or input errors: refusals are outcomes.</summary>
    /// <param name="request">The call: tool name, arguments, caller, optional confirmation evidence.</param>
    /// <param name="cancellationToken">Cancels the call (the caller went away); the tool's own timeout comes from the policy.</param>
    /// <returns>The outcome (already audited), the same one the hosts map to MCP results.</returns>
    Task<ToolCallOutcome> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default);
}
