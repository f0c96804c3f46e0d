using System.Text;
using System.Text.Json;

namespace Burly.Host.Http.Limits;

/// <summary>
/// One forward pass over a JSON body with <see cref="Utf8JsonReader"/>: classifies it (JSON-RPC or legacy),
/// captures the top-level <c>id</c>, and enforces nesting-depth and container-width limits before anything
/// builds a document from it.
/// </summary>
internal static class JsonBodyInspector
{
    /// <summary>Inspects a body.</summary>
    /// <param name="json">The body.</param>
    /// <param name="maxDepth">The deepest nesting allowed.</param>
    /// <param name="maxItems">The most members/elements one object/array may have.</param>
    /// <returns>The result.</returns>
    public static JsonInspection Inspect(ReadOnlySpan<byte> json, int maxDepth, int maxItems)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth + 2, CommentHandling = JsonCommentHandling.Disallow });
        Span<int> counts = maxDepth <= 256 ? stackalloc int[maxDepth + 2] : new int[maxDepth + 2];
        Span<bool> arrays = maxDepth <= 256 ? stackalloc bool[maxDepth + 2] : new bool[maxDepth + 2];
        var depth = 0;
        var hasJsonRpc = false;
        var sawRoot = false;
        string? idJson = null;
        string? method = null;
        var captureId = false;
        var captureMethod = false;
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (depth == 0 && (sawRoot || token != JsonTokenType.StartObject))
                {
                    return new JsonInspection(RequestBodyKind.Other, null, null);
                }

                switch (token)
                {
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        depth--;
                        continue;

                    case JsonTokenType.PropertyName:
                        if (depth == 1)
                        {
                            hasJsonRpc |= reader.ValueTextEquals("jsonrpc"u8);
                            captureId = reader.ValueTextEquals("id"u8);
                            captureMethod = reader.ValueTextEquals("method"u8);
                        }

                        if (++counts[depth] > maxItems)
                        {
                            return JsonInspection.Violation(hasJsonRpc, $"An object has more than {maxItems} members.");
                        }

                        continue;
                }

                if (depth >= 1 && arrays[depth] && ++counts[depth] > maxItems)
                {
                    return JsonInspection.Violation(hasJsonRpc, $"An array has more than {maxItems} elements.");
                }

                if (captureId && token is JsonTokenType.String or JsonTokenType.Number)
                {
                    var start = checked((int)reader.TokenStartIndex);
                    idJson = Encoding.UTF8.GetString(json[start..checked((int)reader.BytesConsumed)]);
                }

                if (captureMethod && token == JsonTokenType.String && reader.ValueSpan.Length <= 128)
                {
                    try
                    {
                        method = reader.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        method = null;
                    }
                }

                captureId = false;
                captureMethod = false;
                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    sawRoot = true;
                    depth++;
                    if (depth > maxDepth)
                    {
                        return JsonInspection.Violation(hasJsonRpc, $"The JSON is nested deeper than {maxDepth} levels.");
                    }

                    counts[depth] = 0;
                    arrays[depth] = token == JsonTokenType.StartArray;
                }
            }
        }
        catch (JsonException)
        {
            return new JsonInspection(RequestBodyKind.Other, null, null);
        }

        if (!sawRoot || depth != 0)
        {
            return new JsonInspection(RequestBodyKind.Other, null, null);
        }

        return new JsonInspection(hasJsonRpc ? RequestBodyKind.JsonRpc : RequestBodyKind.Legacy, idJson, null) { Method = method };
    }
}

/// <summary>The result of <see cref="JsonBodyInspector.Inspect"/>.</summary>
/// <param name="Kind">The body kind.</param>
/// <param name="IdJson">The raw top-level id (string or number).</param>
/// <param name="Problem">A limit violation, or <see langword="null"/>.</param>
internal sealed record JsonInspection(RequestBodyKind Kind, string? IdJson, string? Problem)
{
    /// <summary>Gets the top-level <c>method</c> (JSON-RPC or legacy), when it is a short string.</summary>
    public string? Method { get; init; }

    public static JsonInspection Violation(bool jsonRpc, string problem) =>
        new(jsonRpc ? RequestBodyKind.JsonRpc : RequestBodyKind.Legacy, null, problem);
}
