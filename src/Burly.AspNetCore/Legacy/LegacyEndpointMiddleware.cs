using System.Diagnostics;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.Host.Http.Authentication;
using Burly.Host.Http.Hosting;
using Burly.Host.Http.Limits;
using Burly.Pipeline;
using Burly.Policy;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Legacy;

/// <summary>
/// Answers a POST to an MCP endpoint whose body is the Python version's request (a JSON object without
/// <c>jsonrpc</c>): the call goes through the same <see cref="ToolCallPipeline"/> as MCP calls, and the answer
/// is the Python envelope with the request's <c>id</c> echoed. JSON-RPC bodies pass on to the MCP SDK.
/// Runs after authentication, rate limiting and authorization.
/// </summary>
internal sealed class LegacyEndpointMiddleware(RequestDelegate next, ToolCallPipeline pipeline, IPolicyProvider policy, IToolAuthorizer authorizer, LegacyMeta meta, IOptions<BurlyOptions> options)
{
    /// <summary>The client name written to audit records of legacy calls.</summary>
    public const string ClientName = "legacy-json";

    private const int EnvelopeDepth = 4;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<BufferedRequestBody>() is not { Kind: RequestBodyKind.Legacy } body
            || !HttpMethods.IsPost(context.Request.Method) || !BurlyHttpPaths.IsMcp(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        JsonObject envelope;
        var status = StatusCodes.Status200OK;
        if (!LegacyRequestParser.TryParse(body.Body, options.Value.Limits.MaxArgumentDepth + EnvelopeDepth, out var request, out var problem))
        {
            status = StatusCodes.Status400BadRequest;
            envelope = LegacyEnvelope.Failure("Request validation failed", BurlyErrorCodes.InvalidArguments, problem!, null, 1,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, body.IdJson, meta);
        }
        else if (request!.Method == LegacyRequest.ListTools)
        {
            envelope = ListTools(request, HttpCaller.From(context.User, ClientName, meta.ApiVersion), started);
        }
        else
        {
            var outcome = await pipeline.InvokeAsync(new ToolCallRequest
            {
                ToolName = request.ToolName!,
                Arguments = request.Arguments,
                Caller = HttpCaller.From(context.User, ClientName, meta.ApiVersion),
                RequestId = Guid.NewGuid().ToString("N"),
            }, context.RequestAborted).ConfigureAwait(false);
            envelope = LegacyEnvelope.FromOutcome(outcome, request.IdJson, meta);
        }

        var payload = LegacyEnvelope.ToUtf8(envelope);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = payload.Length;
        await context.Response.Body.WriteAsync(payload, context.RequestAborted).ConfigureAwait(false);
    }

    private JsonObject ListTools(LegacyRequest request, CallerContext caller, long started)
    {
        var tools = new JsonArray();
        foreach (var tool in authorizer.ExposedTools(caller, policy.Current))
        {
            tools.Add(new JsonObject
            {
                ["name"] = tool.Name,
                ["description"] = tool.Description,
                ["inputSchema"] = JsonNode.Parse(tool.ArgsSchema.GetRawText()),
                ["mutates"] = tool.Mutates,
                ["requires_confirm"] = tool.RequiresConfirm,
            });
        }

        var data = new JsonObject { ["tools"] = tools, ["count"] = tools.Count };
        return LegacyEnvelope.Success($"Available tools: {tools.Count} tools found", data, Stopwatch.GetElapsedTime(started).TotalMilliseconds, request.IdJson, meta);
    }
}
