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
