using System.Text.Json;
using System.Text.RegularExpressions;

namespace Burly.Host.Http.Legacy;

/// <summary>
/// Reads the Python version's request shapes: direct <c>{"id","method":"call_tool","name","args"}</c>, and
/// <c>{"id","method":"call_tool","params":{"name","args"|"arguments"}}</c>, and <c>list_tools</c>. Unlike the
/// Python bridge, numeric ids and <c>params.arguments</c> are accepted.
/// </summary>
internal static partial class LegacyRequestParser
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Parses a legacy request.</summary>
    /// <param name="body">The JSON body (already inspected for size, depth and width).</param>
    /// <param name="maxDepth">The nesting limit the inspector applied.</param>
    /// <param name="request">The request.</param>
    /// <param name="problem">What is wrong, for the client.</param>
    /// <returns>Whether the request is valid.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> body, int maxDepth, out LegacyRequest? request, out string? problem)
    {
        try
        {
            return TryParseCore(body, maxDepth, out request, out problem);
        }
        catch (InvalidOperationException)
        {
            // A field (method, name, id) holds invalid UTF-8 or a lone surrogate: the client's error, not a 500.
            request = null;
            problem = "A field of the request is not valid Unicode text (invalid UTF-8 or a lone UTF-16 surrogate); send well-formed UTF-8.";
            return false;
        }
    }

    private static bool TryParseCore(ReadOnlyMemory<byte> body, int maxDepth, out LegacyRequest? request, out string? problem)
    {
        request = null;
        problem = null;
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth + 2 });
        var root = document.RootElement;
        string? idJson = null;
        if (root.TryGetProperty("id", out var id))
        {
            if (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
            {
                problem = "'id' must be a string or a number.";
                return false;
            }

            idJson = id.ValueKind == JsonValueKind.Null ? null : id.GetRawText();
        }

        if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
        {
            problem = "Missing required field: method (list_tools or call_tool; MCP clients send JSON-RPC 2.0 with \"jsonrpc\":\"2.0\").";
            return false;
        }

        var method = methodElement.GetString()!;
        if (method is not (LegacyRequest.ListTools or LegacyRequest.CallTool))
        {
            problem = $"Unsupported method: '{Shorten(method)}'. Use list_tools or call_tool, or JSON-RPC 2.0 (tools/list, tools/call) with \"jsonrpc\":\"2.0\".";
            return false;
        }

        JsonElement? parameters = null;
        if (root.TryGetProperty("params", out var p))
        {
            if (p.ValueKind != JsonValueKind.Object)
            {
                problem = "'params' must be an object.";
                return false;
            }

            parameters = p;
        }

        if (method == LegacyRequest.ListTools)
        {
            request = new LegacyRequest(idJson, method, null, EmptyObject);
            return true;
        }

        var nameElement = parameters is { } pn && pn.TryGetProperty("name", out var n1) ? n1
            : root.TryGetProperty("name", out var n2) ? n2 : default;
        if (nameElement.ValueKind != JsonValueKind.String || nameElement.GetString() is not { Length: > 0 } name)
        {
            problem = "Tool name is required for call_tool (\"name\", or \"params\":{\"name\"}).";
            return false;
        }

        if (!ToolNamePattern().IsMatch(name))
        {
            problem = "Tool name contains invalid characters or is longer than 100 characters (letters, digits, '_' and '-' only).";
            return false;
        }

        JsonElement arguments = EmptyObject;
        if (parameters is { } pa && (pa.TryGetProperty("arguments", out var a) || pa.TryGetProperty("args", out a)))
        {
            arguments = a;
        }
        else if (root.TryGetProperty("args", out var a2) || root.TryGetProperty("arguments", out a2))
        {
            arguments = a2;
        }

        if (arguments.ValueKind == JsonValueKind.Null)
        {
            arguments = EmptyObject;
        }

        if (arguments.ValueKind != JsonValueKind.Object)
        {
            problem = "'args' must be a JSON object.";
            return false;
        }

        request = new LegacyRequest(idJson, method, name, arguments.Clone());
        return true;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex ToolNamePattern();
}
