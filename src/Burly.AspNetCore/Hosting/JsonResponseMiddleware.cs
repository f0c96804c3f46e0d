using System.Buffers;
using Burly.Configuration;
using Burly.Host.Http.Limits;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Hosting;

/// <summary>
/// Opt-in (<c>Burly:Http:JsonResponses</c>, stateless only): answers an MCP POST with plain <c>application/json</c>
/// instead of the SDK's one-event SSE stream when the client accepts JSON. The SDK's answer is buffered; if it holds
/// exactly one SSE event its data goes out as JSON with a Content-Length, otherwise (notifications before the result)
/// the SSE bytes go out unchanged. Streamable HTTP allows either content type for a POST's answer.
/// </summary>
internal sealed class JsonResponseMiddleware(RequestDelegate next, IOptions<HttpHostOptions> options)
{
    private static ReadOnlySpan<byte> DataPrefix => "data:"u8;

    public async Task InvokeAsync(HttpContext context)
    {
        var http = options.Value;
        if (!http.JsonResponses || !http.Stateless || !HttpMethods.IsPost(context.Request.Method) || !BurlyHttpPaths.IsMcp(context.Request.Path)
            || context.Features.Get<BufferedRequestBody>() is { Kind: RequestBodyKind.Legacy } || !AcceptsJson(context.Request.Headers.Accept.ToString()))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // The SDK insists on both types in Accept; a JSON-only client is served JSON anyway.
        context.Request.Headers.Accept = "application/json, text/event-stream";
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var buffered = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(buffered);
        try
        {
            await next(context).ConfigureAwait(false);
            await buffered.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(original);
        }

        var body = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        if (context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true && SingleEventData(body.Span) is { } json)
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.Remove("Content-Encoding");
            context.Response.Headers.Remove("X-Accel-Buffering");
            context.Response.Headers.CacheControl = "no-cache";
            body = body.Slice(json.Start, json.Length);
        }

        context.Response.ContentLength = body.Length;
        await original.Writer.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        await original.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>True when Accept names application/json (or any type).</summary>
    internal static bool AcceptsJson(string accept) =>
        accept.Length == 0 || accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal);

    /// <summary>The data of the only event in an SSE body (one <c>data:</c> line), or null when there is not exactly one.</summary>
    internal static (int Start, int Length)? SingleEventData(ReadOnlySpan<byte> sse)
    {
        (int Start, int Length)? found = null;
        var offset = 0;
        while (offset < sse.Length)
        {
            var end = sse[offset..].IndexOf((byte)'\n');
            var lineLength = end < 0 ? sse.Length - offset : end;
            var line = sse.Slice(offset, lineLength).TrimEnd((byte)'\r');
            if (line.StartsWith(DataPrefix))
            {
                if (found is not null)
                {
                    return null;
                }

                var start = offset + DataPrefix.Length;
                var length = line.Length - DataPrefix.Length;
                if (length > 0 && sse[start] == (byte)' ')
                {
                    start++;
                    length--;
                }

                found = (start, length);
            }

            offset += lineLength + 1;
        }

        return found is { Length: > 0 } ? found : null;
    }
}
