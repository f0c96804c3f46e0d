using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Stdio.Stdio;

/// <summary>
/// The stand-in for a stdin line refused by <see cref="LineLimitingStream"/>: a <c>burly/rejected_line</c> request
/// (with the refused line's id) or notification (no id found), answered here with JSON-RPC <c>-32600</c> before
/// the SDK dispatches it.
/// </summary>
internal static class RejectedLine
{
    /// <summary>The method name of the stand-in message.</summary>
    public const string Method = "burly/rejected_line";

    /// <summary>The <c>kind</c> of a line over the length limit.</summary>
    public const string TooLarge = "too_large";

    /// <summary>The <c>kind</c> of a line nested deeper than the depth limit.</summary>
    public const string TooDeep = "too_deep";

    /// <summary>The <c>kind</c> of a line that is not JSON (always a notification stand-in: no id can be trusted).</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>JSON-RPC "Invalid Request".</summary>
    public const int InvalidRequest = -32600;

    /// <summary>Builds the stand-in line.</summary>
    /// <param name="id">The refused line's id as JSON text, or <see langword="null"/>.</param>
    /// <param name="reason">Why it was refused.</param>
    /// <param name="kind"><see cref="TooLarge"/>, <see cref="TooDeep"/> or <see cref="InvalidJson"/>.</param>
    /// <returns>One JSON line (no newline).</returns>
    public static string Create(string? id, string reason, string kind = TooLarge)
    {
        var message = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = Method,
            ["params"] = new JsonObject { ["reason"] = reason, ["kind"] = kind },
        };
        if (id is not null)
        {
            message["id"] = JsonNode.Parse(id);
        }

        return message.ToJsonString();
    }

    /// <summary>Gets the stand-in's reason and kind.</summary>
    /// <param name="parameters">The stand-in's params.</param>
    /// <returns>The reason and the kind.</returns>
    public static (string Reason, string Kind) Describe(JsonNode? parameters)
    {
        var reason = parameters?["reason"]?.GetValueKind() == JsonValueKind.String ? parameters["reason"]!.GetValue<string>() : "it is too large";
        var kind = parameters?["kind"]?.GetValueKind() == JsonValueKind.String ? parameters["kind"]!.GetValue<string>() : TooLarge;
        return (reason, kind);
    }

    /// <summary>Gets the error to answer a stand-in request with.</summary>
    /// <param name="request">The stand-in request.</param>
    /// <returns>The error.</returns>
    public static JsonRpcError ErrorFor(JsonRpcRequest request)
    {
        var reason = request.Params?["reason"]?.GetValueKind() == JsonValueKind.String ? request.Params["reason"]!.GetValue<string>() : "it is too large";
        return new JsonRpcError
        {
            Id = request.Id,
            Error = new JsonRpcErrorDetail
            {
                Code = InvalidRequest,
                Message = $"The message was refused before parsing: {reason}. Send one JSON-RPC message per line within the limits (Burly:Limits:MaxStdioLineBytes / MAX_STDIO_LINE_BYTES, nesting at most the JSON depth limit).",
            },
        };
    }
}
