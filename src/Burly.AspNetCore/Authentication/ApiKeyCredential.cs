namespace Burly.Host.Http.Authentication;

/// <summary>A configured API key: its name, the SHA-256 of the key (the key itself is not kept) and its scope.</summary>
/// <param name="Name">The key name; the caller id is <c>apikey:NAME</c>.</param>
/// <param name="KeyHash">The SHA-256 of the key's UTF-8 bytes.</param>
/// <param name="ToolScopes">Tool-name globs the key is limited to, or <see langword="null"/> for every tool.</param>
/// <param name="ReadOnly">Whether the key may only call tools that do not mutate.</param>
/// <param name="Source">Where the key was configured (for messages; never the key).</param>
/// <param name="Admin">Whether the key may decide approvals on the admin endpoints.</param>
public sealed record ApiKeyCredential(string Name, byte[] KeyHash, IReadOnlyList<string>? ToolScopes, bool ReadOnly, string Source, bool Admin = false)
{
    /// <summary>Gets the caller id written to the audit log.</summary>
    public string UserId => "apikey:" + Name;

    /// <summary>Describes the scope for logs.</summary>
    /// <returns>E.g. <c>read-only, tools=docker_*</c> or <c>all tools</c>.</returns>
    public string DescribeScope()
    {
        var parts = new List<string>();
        if (ReadOnly)
        {
            parts.Add("read-only");
        }

        if (Admin)
        {
            parts.Add("admin");
        }

        if (ToolScopes is { Count: > 0 })
        {
            parts.Add("tools=" + string.Join('|', ToolScopes));
        }

        return parts.Count == 0 ? "all tools" : string.Join(", ", parts);
    }
}
