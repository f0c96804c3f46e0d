using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Host.Http.Authentication;
using Burly.Host.Http.Hosting;
using Burly.Host.Http.Responses;
using Burly.Pipeline;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Http.Limits;

/// <summary>
/// Answers JSON-RPC requests the MCP SDK would turn into an opaque <c>-32603</c> or an HTTP 500 because a
/// parameter has the wrong JSON type: <c>initialize</c> with a non-string <c>protocolVersion</c>, and
/// <c>tools/call</c> with non-object <c>arguments</c> (which goes through the pipeline, so it is refused as
/// <c>INVALID_ARGUMENTS</c> and audited like any other bad call). Runs after authorization.
/// </summary>
internal sealed class JsonRpcShapeMiddleware(RequestDelegate next, ToolCallPipeline pipeline, HttpErrorResponder errors)
{
    /// <summary>JSON-RPC "invalid params".</summary>
    public const int JsonRpcInvalidParams = -32602;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<BufferedRequestBody>() is not { Kind: RequestBodyKind.JsonRpc } body
            || !HttpMethods.IsPost(context.Request.Method) || !BurlyHttpPaths.IsMcp(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // Only initialize and tools/call are checked. The body's method was read by JsonBodyInspector (the last string
        // value wins, as in JsonDocument), and a plain tools/call (name and arguments only) is checked with one reader
        // pass: neither needs a JsonDocument. Anything else takes the full check below, with the same answers.
        if ((body.Method is not null && body.Method is not ("initialize" or "tools/call"))
            || (body.Method == "tools/call" && IsPlainToolCall(body.Body.Span)))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        string? problem = null;
        try
        {
            using var document = JsonDocument.Parse(body.Body);
            var root = document.RootElement;
            var method = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var parameters = root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            if (method == "initialize" && parameters.ValueKind == JsonValueKind.Object
                && parameters.TryGetProperty("protocolVersion", out var version) && version.ValueKind != JsonValueKind.String)
            {
                problem = $"initialize: protocolVersion must be a string such as \"2025-11-25\", not {version.ValueKind.ToString().ToLowerInvariant()}.";
            }
            else if (method is "initialize" or "tools/call" && ParamsProblem(method, root) is { } shape)
            {
                problem = shape;
            }
            else if (method == "tools/call" && parameters.ValueKind == JsonValueKind.Object
                && parameters.TryGetProperty("arguments", out var arguments) && (arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null) || HasInvalidString(arguments, 0))
                && parameters.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                var outcome = await pipeline.InvokeAsync(new ToolCallRequest
                {
                    ToolName = name.GetString()!,
                    Arguments = arguments.Clone(),
                    Caller = HttpCaller.From(context.User, null, null),
                    RequestId = Guid.NewGuid().ToString("N"),
                }, context.RequestAborted).ConfigureAwait(false);
                await errors.WriteAsync(context, new HttpError(StatusCodes.Status400BadRequest, outcome.Error?.Code ?? BurlyErrorCodes.InvalidArguments, "Invalid arguments",
                    outcome.Error?.Message ?? "tools/call arguments must be a JSON object.")
                {
                    JsonRpcCode = JsonRpcInvalidParams,
                }).ConfigureAwait(false);
                return;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed text is the SDK's to answer (parse error); a lone surrogate in a name is invalid params.
            problem = ex is InvalidOperationException ? "A string in the request is not valid Unicode (a lone UTF-16 surrogate); send well-formed text." : null;
        }

        if (problem is not null)
        {
            await errors.WriteAsync(context, new HttpError(StatusCodes.Status400BadRequest, BurlyErrorCodes.InvalidArguments, "Invalid params", problem)
            {
                JsonRpcCode = JsonRpcInvalidParams,
            }).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// What is wrong with the params of an <c>initialize</c> or <c>tools/call</c> the SDK could not read (it would
    /// answer an opaque -32603 or throw into an HTTP 500), or null when they are readable.
    /// </summary>
    private static string? ParamsProblem(string method, JsonElement root)
    {
        if (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return $"{method}: params must be a JSON object.";
        }

        if (method == "tools/call" && (!parameters.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String))
        {
            return "tools/call: params.name must be a string naming the tool (see tools/list).";
        }

        if (method == "tools/call" && parameters.TryGetProperty("arguments", out var arguments)
            && (arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null) || HasInvalidString(arguments, 0)))
        {
            return null; // Bad arguments go through the pipeline: refused as INVALID_ARGUMENTS and audited.
        }

        if (method == "initialize" && !(parameters.TryGetProperty("capabilities", out var capabilities) && capabilities.ValueKind == JsonValueKind.Object
            && parameters.TryGetProperty("clientInfo", out var clientInfo) && clientInfo.ValueKind == JsonValueKind.Object))
        {
            return "initialize: params need protocolVersion (string), capabilities (object) and clientInfo (object with name and version).";
        }

        try
        {
            _ = method == "initialize"
                ? (object?)parameters.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(InitializeRequestParams)))
                : parameters.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolRequestParams)));
            return null;
        }
        catch (JsonException ex)
        {
            return $"{method}: params do not match the MCP schema at {ex.Path ?? "$"}: a field has the wrong JSON type.";
        }
    }

    /// <summary>
    /// Whether a body is a <c>tools/call</c> the full check would pass on unchanged: one <c>method</c>, one <c>params</c>
    /// object holding exactly one string <c>name</c> and at most one <c>arguments</c> object (or null), every string in
    /// them valid Unicode. Anything else (duplicates, <c>_meta</c>, other members, wrong types, depth over 64) returns
    /// <see langword="false"/>, and the caller runs the full check.
    /// </summary>
    /// <param name="json">The body, already well-formed JSON (see <see cref="JsonBodyInspector"/>).</param>
    /// <returns>Whether the body needs no further check.</returns>
    internal static bool IsPlainToolCall(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json); // the same limits as JsonDocument.Parse's defaults (depth 64, no comments)
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            bool method = false, parameters = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("method"u8))
                {
                    if (method || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("tools/call"u8))
                    {
                        return false;
                    }

                    method = true;
                }
                else if (reader.ValueTextEquals("params"u8))
                {
                    if (parameters || !reader.Read() || !IsPlainToolCallParams(ref reader))
                    {
                        return false;
                    }

                    parameters = true;
                }
                else if (!reader.Read() || !reader.TrySkip())
                {
                    return false;
                }
            }

            return method && parameters && reader.TokenType == JsonTokenType.EndObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsPlainToolCallParams(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        bool name = false, arguments = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                if (name || !reader.Read() || reader.TokenType != JsonTokenType.String || !IsValidText(ref reader))
                {
                    return false;
                }

                name = true;
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                if (arguments || !reader.Read() || !IsPlainArguments(ref reader))
                {
                    return false;
                }

                arguments = true;
            }
            else
            {
                return false; // _meta, task or anything else: the full check deserialises the params
            }
        }

        return name && reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>Whether the value at the reader is null or an object whose strings and member names are all valid Unicode; moves past it.</summary>
    private static bool IsPlainArguments(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.EndObject when reader.CurrentDepth == depth:
                    return true;
                case JsonTokenType.String or JsonTokenType.PropertyName when !IsValidText(ref reader):
                    return false;
            }
        }

        return false;
    }

    /// <summary>Whether the string or member name at the reader can be read as UTF-16 (no lone surrogate, valid UTF-8).</summary>
    private static bool IsValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0)
        {
            return true; // printable ASCII, no escapes: always valid
        }

        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Whether a value holds a string that is not valid Unicode (a lone UTF-16 surrogate).</summary>
    private static bool HasInvalidString(JsonElement value, int depth)
    {
        if (depth > 64)
        {
            return false;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = value.GetString();
                    return false;
                }
                catch (InvalidOperationException)
                {
                    return true;
                }

            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (HasInvalidString(property.Value, depth + 1))
                    {
                        return true;
                    }

                    try
                    {
                        _ = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                return value.EnumerateArray().Any(item => HasInvalidString(item, depth + 1));
            default:
                return false;
        }
    }
}
