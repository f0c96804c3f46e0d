using Burly.Policy;

namespace Burly.Pipeline;

/// <summary>
/// Which tools a caller is shown: exactly the policy's tools the authoriser would let that caller call
/// (read-only credentials see no mutating tool, tool-glob scopes and <c>allow</c> lists apply; tools removed by
/// <c>read_only</c>/<c>disable_destructive</c> are not in the policy at all). Every listing — MCP <c>tools/list</c>
/// on both transports, the legacy <c>list_tools</c>, in-process invokers — uses this one rule.
/// </summary>
public static class ToolExposure
{
    /// <summary>Returns whether a caller may see (and so call) a tool.</summary>
    /// <param name="authorizer">The authoriser the pipeline uses.</param>
    /// <param name="caller">The caller.</param>
    /// <param name="tool">The tool's policy.</param>
    /// <returns><see langword="true"/> when the tool is exposed to the caller.</returns>
    public static bool IsExposedTo(this IToolAuthorizer authorizer, CallerContext caller, ToolPolicy tool)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(tool);
        return authorizer.Authorize(caller, tool) is null;
    }

    /// <summary>Returns the policy's tools a caller may see, in policy order.</summary>
    /// <param name="authorizer">The authoriser the pipeline uses.</param>
    /// <param name="caller">The caller.</param>
    /// <param name="document">The policy.</param>
    /// <returns>The exposed tools.</returns>
    public static IReadOnlyList<ToolPolicy> ExposedTools(this IToolAuthorizer authorizer, CallerContext caller, PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Tools.Values.Where(t => authorizer.IsExposedTo(caller, t)).ToList();
    }
}
