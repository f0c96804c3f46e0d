namespace Burly.Pipeline;

/// <summary>Who is calling, over what, and what their credential allows.</summary>
public sealed record CallerContext
{
    /// <summary>Gets the caller identity: <c>apikey:NAME</c>, <c>local:USER</c> or <c>anonymous</c>.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the transport: <c>stdio</c>, <c>http</c>, <c>cli</c> or <c>in-process</c>.</summary>
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

    /// <summary>The transport name of in-process callers (agents calling <see cref="IBurlyToolInvoker"/> directly).</summary>
    public const string InProcessTransport = "in-process";

    /// <summary>Creates the caller for code in the same process (an agent using <see cref="IBurlyToolInvoker"/>).</summary>
    /// <param name="userId">The caller identity as the application knows it, e.g. <c>agent:triage</c>; audited as <c>user_id</c>.</param>
    /// <param name="clientName">The agent's name (audited as <c>client.name</c>), optional.</param>
    /// <returns>The caller.</returns>
    public static CallerContext InProcess(string userId, string? clientName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new() { UserId = userId, Transport = InProcessTransport, ClientName = clientName };
    }

    /// <summary>Creates the caller for a local process (stdio host or CLI).</summary>
    /// <param name="transport">The transport.</param>
    /// <returns>The caller.</returns>
    public static CallerContext Local(string transport) => new() { UserId = "local:" + Environment.UserName, Transport = transport };
}
