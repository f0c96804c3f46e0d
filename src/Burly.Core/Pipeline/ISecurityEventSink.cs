using System.Text.Json.Nodes;

namespace Burly.Pipeline;

/// <summary>Reports security violations (audited as <c>security_violation</c>, counted, notified).</summary>
public interface ISecurityEventSink
{
    /// <summary>Records a security violation. The details must not contain absolute host paths or secrets.</summary>
    /// <param name="type">A short type, e.g. <c>path_escape</c>, <c>forbidden_container</c>.</param>
    /// <param name="toolName">The tool.</param>
    /// <param name="details">Client-safe details.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task.</returns>
    ValueTask ReportAsync(string type, string toolName, JsonObject details, CancellationToken cancellationToken = default);
}
