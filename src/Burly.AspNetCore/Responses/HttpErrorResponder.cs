using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Host.Http.Legacy;
using Burly.Host.Http.Limits;

namespace Burly.Host.Http.Responses;

/// <summary>
/// Writes the error responses the host produces itself (auth, rate limit, size, origin, JSON limits) in the
/// shape the client speaks: the legacy envelope for a legacy request, else a JSON-RPC error whose
/// <c>error.data.code</c> is Burly's stable code.
/// </summary>
public sealed class HttpErrorResponder(LegacyMeta meta)
{
    /// <summary>The JSON-RPC error code used for HTTP-level refusals (as the MCP SDK does).</summary>
    public const int JsonRpcServerError = -32000;

    /// <summary>The JSON-RPC "invalid request" code.</summary>
    public const int JsonRpcInvalidRequest = -32600;

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes an error.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="error">The error.</param>
    /// <returns>A task.</returns>
    public async Task WriteAsync(HttpContext context, HttpError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        if (context.Response.HasStarted)
        {
            return;
        }

        var body = context.Features.Get<BufferedRequestBody>();
        byte[] payload;
        if (body?.Kind == RequestBodyKind.Legacy)
        {
            payload = LegacyEnvelope.ToUtf8(LegacyEnvelope.Failure(error.Summary, error.Code, error.Message, error.Details?.DeepClone(), error.LegacyExitCode, 0, body.IdJson, meta));
        }
        else
        {
            var data = new JsonObject { ["code"] = error.Code };
            if (error.Details is JsonObject details)
            {
                foreach (var (key, value) in details)
                {
                    data[key] = value?.DeepClone();
                }
            }

            var rpc = new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = body?.IdJson is { } id ? JsonNode.Parse(id) : null,
                ["error"] = new JsonObject { ["code"] = error.JsonRpcCode, ["message"] = error.Message, ["data"] = data },
            };
            payload = JsonSerializer.SerializeToUtf8Bytes(rpc, JsonOptions);
        }

        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = payload.Length;
        await context.Response.Body.WriteAsync(payload, context.RequestAborted).ConfigureAwait(false);
    }
}
