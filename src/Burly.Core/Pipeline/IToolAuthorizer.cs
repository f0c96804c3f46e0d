using Burly.Policy;

namespace Burly.Pipeline;

/// <summary>Decides whether a caller may use a tool (the pipeline's authorise step).</summary>
public interface IToolAuthorizer
{
    /// <summary>Returns <see langword="null"/> when allowed, else the reason (shown to the caller).</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="tool">The tool's policy.</param>
    /// <returns>The refusal reason, or <see langword="null"/>.</returns>
    string? Authorize(CallerContext caller, ToolPolicy tool);
}
