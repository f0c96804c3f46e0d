namespace Burly.Host.Http.Limits;

/// <summary>What a POST body to an MCP endpoint turned out to be.</summary>
public enum RequestBodyKind
{
    /// <summary>Not inspected (no body, or not an MCP path).</summary>
    Unknown,

    /// <summary>A JSON object with a <c>jsonrpc</c> member: handled by the MCP SDK.</summary>
    JsonRpc,

    /// <summary>A JSON object without <c>jsonrpc</c>: the Python version's request, answered with its envelope.</summary>
    Legacy,

    /// <summary>Not a JSON object (malformed JSON, an array, a scalar): left to the MCP SDK, which answers with a JSON-RPC error.</summary>
    Other,
}
