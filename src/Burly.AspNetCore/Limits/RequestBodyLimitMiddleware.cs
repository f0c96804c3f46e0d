using System.Buffers;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.Host.Http.Hosting;
using Burly.Host.Http.Responses;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Limits;

/// <summary>
/// Enforces <c>MAX_REQUEST_SIZE</c> while the body is read (a declared <c>Content-Length</c> over the limit is
/// refused before reading anything; a chunked body is refused as soon as it passes the limit), then, for POSTs
/// to an MCP endpoint, keeps the bytes, checks JSON depth/width and classifies the request (JSON-RPC or legacy)
/// so the MCP SDK reads the same bytes afterwards.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<BurlyOptions> options, HttpErrorResponder errors)
{
    /// <summary>The most members or elements one JSON object or array in a request may have.</summary>
    public const int MaxContainerItems = 1000;

    /// <summary>Levels of request envelope above the tool arguments (<c>{"params":{"arguments":{…}}}</c>) plus slack.</summary>
    private const int EnvelopeDepth = 4;

    public async Task InvokeAsync(HttpContext context)
    {
        var limits = options.Value.Limits;
        var limit = limits.MaxRequestSize;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method) || !BurlyHttpPaths.IsMcp(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var initial = (int)Math.Min(context.Request.ContentLength ?? 4096, limit + 1L);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 256));
        try
        {
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, limit + 1L));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await context.Request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), context.RequestAborted).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    if (length > limit)
                    {
                        await TooLargeAsync(context, limit).ConfigureAwait(false);
                        return;
                    }
                }
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await TooLargeAsync(context, limit).ConfigureAwait(false);
                return;
            }

            var inspection = JsonBodyInspector.Inspect(buffer.AsSpan(0, length), limits.MaxArgumentDepth + EnvelopeDepth, MaxContainerItems);
            var body = new BufferedRequestBody(inspection.Kind, buffer.AsMemory(0, length), inspection.IdJson) { Method = inspection.Method };
            context.Features.Set(body);
            if (inspection.Problem is { } problem)
            {
                await errors.WriteAsync(context, new HttpError(StatusCodes.Status400BadRequest, BurlyErrorCodes.InvalidArguments, "Request too complex",
                    $"{problem} Simplify the request.")
                {
                    JsonRpcCode = HttpErrorResponder.JsonRpcInvalidRequest,
                    Details = new JsonObject { ["max_depth"] = limits.MaxArgumentDepth + EnvelopeDepth, ["max_items"] = MaxContainerItems },
                }).ConfigureAwait(false);
                return;
            }

            context.Request.Body = new MemoryStream(buffer, 0, length, writable: false);
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Task TooLargeAsync(HttpContext context, int limit)
    {
        // The rest of the body is not read; Kestrel closes the connection rather than drain it past the limit.
        context.Response.Headers.Connection = "close";
        return errors.WriteAsync(context, new HttpError(StatusCodes.Status413PayloadTooLarge, BurlyErrorCodes.RequestTooLarge, "Request too large",
            $"The request body exceeds the maximum size of {limit} bytes (MAX_REQUEST_SIZE). Send a smaller request.")
        {
            Details = new JsonObject { ["max_size_bytes"] = limit, ["suggestion"] = "Reduce request payload size" },
        });
    }
}
