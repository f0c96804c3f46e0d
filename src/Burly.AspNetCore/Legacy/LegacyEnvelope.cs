using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Pipeline;

namespace Burly.Host.Http.Legacy;

/// <summary>
/// Builds the Python version's response envelope: <c>ok</c>, <c>result{summary,data,need_confirm}</c>,
/// <c>error</c> (a string), <c>error_detail{summary,message,code,details}</c>, <c>metrics{elapsed_ms,exit_code}</c>,
/// <c>meta{api_version,container_version,git_sha}</c>, the legacy mirror fields (<c>summary</c>, <c>data</c>,
/// <c>need_confirm</c>, <c>stderr</c>) and, new, the request's <c>id</c> and Burly's <c>request_id</c>.
/// </summary>
internal static class LegacyEnvelope
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The <c>exit_code</c> of a timed-out call (as the Python bridge reported it).</summary>
    public const int TimeoutExitCode = 124;

    /// <summary>The <c>exit_code</c> of a rate-limited request (as the Python bridge reported it).</summary>
    public const int RateLimitedExitCode = 429;

    /// <summary>Builds the envelope of a pipeline outcome.</summary>
    public static JsonObject FromOutcome(ToolCallOutcome outcome, string? idJson, LegacyMeta meta)
    {
        if (outcome.IsSuccess)
        {
            return Success(outcome.Summary, outcome.Data?.DeepClone(), outcome.ElapsedMs, idJson, meta, outcome.RequestId, outcome.Truncated, outcome.OriginalSize);
        }

        var error = outcome.Error!;
        if (outcome.Status == ToolCallStatus.NeedConfirm)
        {
            return NeedConfirm(outcome, error, idJson, meta);
        }

        var exitCode = outcome.Status == ToolCallStatus.Timeout ? TimeoutExitCode : 1;
        return Failure(outcome.Summary, error.Code, error.Message, error.Details?.DeepClone(), exitCode, outcome.ElapsedMs, idJson, meta, outcome.RequestId);
    }

    /// <summary>Builds a success envelope.</summary>
    public static JsonObject Success(string summary, JsonNode? data, double elapsedMs, string? idJson, LegacyMeta meta, string? requestId = null, bool truncated = false, long originalSize = 0)
    {
        var result = new JsonObject { ["summary"] = summary, ["data"] = data };
        if (truncated)
        {
            result["truncated"] = true;
            result["original_size"] = originalSize;
        }

        var envelope = Start(idJson, ok: true);
        envelope["result"] = result;
        envelope["metrics"] = Metrics(elapsedMs, 0);
        envelope["meta"] = Meta(meta);
        envelope["summary"] = summary;
        envelope["data"] = data?.DeepClone();
        AddRequestId(envelope, requestId);
        return envelope;
    }

    /// <summary>Builds a failure envelope (no <c>result</c>; <c>error</c> and <c>error_detail</c> set).</summary>
    public static JsonObject Failure(string summary, string code, string message, JsonNode? details, int exitCode, double elapsedMs, string? idJson, LegacyMeta meta, string? requestId = null)
    {
        summary = string.IsNullOrWhiteSpace(summary) ? "Operation failed" : summary;
        var errorDetail = new JsonObject { ["summary"] = summary, ["message"] = message, ["code"] = code };
        if (details is not null)
        {
            errorDetail["details"] = details;
        }

        var envelope = Start(idJson, ok: false);
        envelope["error"] = message;
        envelope["error_detail"] = errorDetail;
        envelope["metrics"] = Metrics(elapsedMs, exitCode);
        envelope["meta"] = Meta(meta);
        envelope["summary"] = summary;
        if (details is not null)
        {
            envelope["data"] = details.DeepClone();
        }

        envelope["stderr"] = message;
        AddRequestId(envelope, requestId);
        return envelope;
    }

    private static JsonObject NeedConfirm(ToolCallOutcome outcome, ToolCallError error, string? idJson, LegacyMeta meta)
    {
        var details = error.Details?.DeepClone() as JsonObject ?? [];

        // The Python example was a legacy request; rewrite the pipeline's MCP-shaped example to it.
        if (details["example"] is JsonObject { } example)
        {
            details["example"] = new JsonObject
            {
                ["method"] = "call_tool",
                ["name"] = example["name"]?.DeepClone(),
                ["args"] = example["arguments"]?.DeepClone(),
            };
        }

        var needConfirm = new JsonObject
        {
            ["required"] = true,
            ["message"] = error.Message,
            ["code"] = error.Code,
            ["details"] = details,
        };
        var envelope = Start(idJson, ok: false);
        envelope["result"] = new JsonObject
        {
            ["summary"] = outcome.Summary,
            ["need_confirm"] = needConfirm,
            ["stderr"] = error.Message,
        };
        envelope["error"] = error.Message;
        envelope["error_detail"] = new JsonObject
        {
            ["summary"] = outcome.Summary,
            ["message"] = error.Message,
            ["code"] = error.Code,
        };
        envelope["metrics"] = Metrics(outcome.ElapsedMs, 1);
        envelope["meta"] = Meta(meta);
        envelope["summary"] = outcome.Summary;
        envelope["need_confirm"] = true;
        envelope["data"] = details.DeepClone();
        envelope["stderr"] = error.Message;
        AddRequestId(envelope, outcome.RequestId);
        return envelope;
    }

    private static JsonObject Start(string? idJson, bool ok)
    {
        var envelope = new JsonObject();
        if (idJson is not null)
        {
            envelope["id"] = JsonNode.Parse(idJson);
        }

        envelope["ok"] = ok;
        return envelope;
    }

    private static JsonObject Metrics(double elapsedMs, int exitCode) => new()
    {
        ["elapsed_ms"] = Math.Round(elapsedMs, 3),
        ["exit_code"] = exitCode,
    };

    private static JsonObject Meta(LegacyMeta meta) => new()
    {
        ["api_version"] = meta.ApiVersion,
        ["container_version"] = meta.ContainerVersion,
        ["git_sha"] = meta.GitSha,
    };

    private static void AddRequestId(JsonObject envelope, string? requestId)
    {
        if (requestId is not null)
        {
            envelope["request_id"] = requestId;
        }
    }

    /// <summary>Serializes an envelope (compact, as the Python version wrote it).</summary>
    public static byte[] ToUtf8(JsonObject envelope) => JsonSerializer.SerializeToUtf8Bytes(envelope, JsonOptions);
}
