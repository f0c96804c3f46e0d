using System.Text.Json.Nodes;

namespace Burly.Pipeline;

/// <summary>Hook called after a security violation is audited (notifications). Must not block: queue work.</summary>
internal interface ISecurityViolationObserver
{
    /// <summary>Called once per violation, after its audit record is written.</summary>
    /// <param name="type">The violation type, e.g. <c>path_escape</c>.</param>
    /// <param name="toolName">The tool.</param>
    /// <param name="caller">The caller.</param>
    /// <param name="details">Client-safe details (no host paths, no secrets).</param>
    void OnSecurityViolation(string type, string toolName, CallerContext caller, JsonObject details);
}
