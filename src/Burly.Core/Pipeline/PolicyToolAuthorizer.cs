using Burly.Policy;

namespace Burly.Pipeline;

/// <summary>
/// Default authorisation: the policy's <c>allow</c> list (caller names or ids, globs) and the credential's
/// scopes (tool globs, read-only).
/// </summary>
internal sealed class PolicyToolAuthorizer : IToolAuthorizer
{
    public string? Authorize(CallerContext caller, ToolPolicy tool)
    {
        if (caller.ReadOnlyScope && tool.Mutates)
        {
            return $"The credential '{caller.UserId}' is read-only and '{tool.Name}' changes the system. Use a key with write scope.";
        }

        if (caller.ToolScopes is { } scopes && !scopes.Any(s => Glob.IsMatch(s, tool.Name)))
        {
            return $"The credential '{caller.UserId}' is limited to tools matching {string.Join(", ", scopes)}.";
        }

        if (tool.Allow is { } allow && !allow.Any(a => Glob.IsMatch(a, caller.UserId) || Glob.IsMatch(a, caller.PrincipalName)))
        {
            return $"The policy allows '{tool.Name}' only for {string.Join(", ", allow)}; '{caller.UserId}' is not one of them.";
        }

        return null;
    }
}
