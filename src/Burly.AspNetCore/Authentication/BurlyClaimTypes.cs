namespace Burly.Hosting;

/// <summary>Claims a host puts on the request user so the pipeline sees identity and scopes.</summary>
public static class BurlyClaimTypes
{
    /// <summary>The caller id, e.g. <c>apikey:ops</c>.</summary>
    public const string UserId = "burly:user_id";

    /// <summary>A tool-name glob the credential is limited to (repeatable).</summary>
    public const string ToolScope = "burly:tool_scope";

    /// <summary>Present with value <c>true</c> when the credential is read-only.</summary>
    public const string ReadOnly = "burly:read_only";

    /// <summary>Present with value <c>true</c> when the credential may decide approvals (admin endpoints).</summary>
    public const string Admin = "burly:admin";
}
