using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Stdio.Stdio;

/// <summary>
/// Refuses, with JSON-RPC -32602 and a message saying what to fix, the <c>initialize</c> and <c>tools/call</c>
/// requests whose params the SDK cannot read (wrong JSON types, a non-object <c>arguments</c>, a lone UTF-16
/// surrogate in a string): the SDK would answer them with an opaque -32603 "An error occurred."
/// </summary>
internal static class JsonRpcParamsCheck
{
    /// <summary>Throws <see cref="McpProtocolException"/> (invalid params) when a request's params are unreadable.</summary>
    public static void ThrowIfUnreadable(JsonRpcMessage message)
    {
        if (message is not JsonRpcRequest { Method: "initialize" or "tools/call" } request)
        {
            return;
        }

        if (HasInvalidString(request.Params, 0))
        {
            throw new McpProtocolException($"{request.Method}: a string is not valid Unicode (a lone UTF-16 surrogate); send well-formed text (INVALID_ARGUMENTS).", McpErrorCode.InvalidParams);
        }

        if (Problem(request.Method, request.Params?.ToJsonString()) is { } problem)
        {
            throw new McpProtocolException(problem, McpErrorCode.InvalidParams);
        }
    }

    private static string? Problem(string method, string? json)
    {
        if (json is null)
        {
            return $"{method}: params must be a JSON object.";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var parameters = document.RootElement;
            if (parameters.ValueKind != JsonValueKind.Object)
            {
                return $"{method}: params must be a JSON object.";
            }

            if (method == "tools/call")
            {
                if (!parameters.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return "tools/call: params.name must be a string naming the tool (see tools/list).";
                }

                _ = name.GetString();
                if (parameters.TryGetProperty("arguments", out var arguments))
                {
                    if (arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                    {
                        return "tools/call: arguments must be a JSON object (INVALID_ARGUMENTS).";
                    }

                    if (HasInvalidString(arguments, 0))
                    {
                        return "tools/call: a string in arguments is not valid Unicode (a lone UTF-16 surrogate); send well-formed text (INVALID_ARGUMENTS).";
                    }
                }

                _ = parameters.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolRequestParams)));
            }
            else
            {
                if (parameters.TryGetProperty("protocolVersion", out var version) && version.ValueKind != JsonValueKind.String)
                {
                    return $"initialize: protocolVersion must be a string such as \"2025-11-25\", not {version.ValueKind.ToString().ToLowerInvariant()}.";
                }

                _ = parameters.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(InitializeRequestParams)));
            }

            return null;
        }
        catch (JsonException ex)
        {
            return $"{method}: params do not match the MCP schema at {ex.Path ?? "$"}: a field has the wrong JSON type.";
        }
        catch (InvalidOperationException)
        {
            return $"{method}: a string is not valid Unicode (a lone UTF-16 surrogate); send well-formed text.";
        }
    }

    private static bool HasInvalidString(System.Text.Json.Nodes.JsonNode? node, int depth)
    {
        try
        {
            return node switch
            {
                _ when depth > 64 => false,
                System.Text.Json.Nodes.JsonObject o => o.Any(p => HasInvalidString(p.Value, depth + 1)),
                System.Text.Json.Nodes.JsonArray a => a.Any(x => HasInvalidString(x, depth + 1)),
                System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() is null,
                _ => false,
            };
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

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
                    try
                    {
                        _ = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return true;
                    }

                    if (HasInvalidString(property.Value, depth + 1))
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
