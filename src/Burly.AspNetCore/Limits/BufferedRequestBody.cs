namespace Burly.Host.Http.Limits;

/// <summary>
/// The body of a POST to an MCP endpoint, read once within <c>MAX_REQUEST_SIZE</c> and classified, kept as a
/// request feature so later stages (authentication errors, rate-limit errors, the legacy endpoint) know the
/// request's shape and id without reading the body again.
/// </summary>
/// <param name="Kind">The body kind.</param>
/// <param name="Body">The bytes.</param>
/// <param name="IdJson">The raw JSON of the top-level <c>id</c> when it is a string or number, else <see langword="null"/>.</param>
public sealed record BufferedRequestBody(RequestBodyKind Kind, ReadOnlyMemory<byte> Body, string? IdJson)
{
    /// <summary>Gets the top-level <c>method</c>, when it is a short string.</summary>
    public string? Method { get; init; }

    /// <summary>Gets a value indicating whether the body is protocol traffic rather than a tool call (not rate limited).</summary>
    public bool IsProtocolChatter => Kind switch
    {
        RequestBodyKind.JsonRpc => Method is not null && Method != "tools/call",
        RequestBodyKind.Legacy => Method == "list_tools",
        _ => false,
    };
}
