namespace Burly.Pipeline;

/// <summary>Who is calling, over what, and what their credential allows.</summary>
public sealed record CallerContext
{
    /// <summary>Gets the caller identity: <c>apikey:NAME</c>, <c>local:USER</c> or <c>anonymous</c>.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the transport: <c>stdio</c>, <c>http</c> or <c>cli</c>.</summary>
    public required string Transport { get; init; }

    /// <summary>Gets the MCP session id, if any.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets the client's name from <c>initialize</c>.</summary>
    public string? ClientName { get; init; }

    /// <summary>Gets the client's version from <c>initialize</c>.</summary>
    public string? ClientVersion { get; init; }

    /// <summary>Gets the tool-name globs the credential is limited to, or <see langword="null"/> for all tools.</summary>
    public IReadOnlyList<string>? ToolScopes { get; init; }

    /// <summary>Gets a value indicating whether the credential may only call non-mutating tools.</summary>
    public bool ReadOnlyScope { get; init; }

    /// <summary>Gets the name part of <see cref="UserId"/> (after the colon).</summary>
    public string PrincipalName => UserId.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 ? UserId[(i + 1)..] : UserId;

    /// <summary>Creates the caller for a local process (stdio host or CLI).</summary>
    /// <param name="transport">The transport.</param>
    /// <returns>The caller.</returns>
    public static CallerContext Local(string transport) => new() { UserId = "local:" + Environment.UserName, Transport = transport };
}
