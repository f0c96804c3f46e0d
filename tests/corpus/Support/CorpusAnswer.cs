using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.Tests.Corpus;

/// <summary>Checks on an answer: the expected code, and that it leaks no secret, host path or stack trace.</summary>
internal static class CorpusAnswer
{
    /// <summary>Every JSON document in an answer: a JSON body, SSE <c>data:</c> lines, or JSON Lines.</summary>
    public static List<JsonNode> Documents(string text)
    {
        var documents = new List<JsonNode>();
        if (TryParse(text) is { } whole)
        {
            documents.Add(whole);
            return documents;
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.StartsWith("data:", StringComparison.Ordinal) ? raw[5..] : raw;
            if (TryParse(line) is { } node)
            {
                documents.Add(node);
            }
        }

        return documents;
    }

    /// <summary>Every value of a <c>code</c> or <c>error_code</c> property, also inside JSON text content.</summary>
    public static List<string> Codes(string text)
    {
        var codes = new List<string>();
        foreach (var document in Documents(text))
        {
            Collect(document, codes, 0);
        }

        return codes;
    }

    /// <summary>Whether any document says <c>"ok": true</c> or is a successful MCP tool result.</summary>
    public static bool AnyOk(string text) => Documents(text).Any(d => HasOk(d, 0));

    /// <summary>Asserts the expectation of a case on an answer (codes found, HTTP status if any).</summary>
    public static void AssertExpected(CorpusCase c, string answer, int? status)
    {
        var codes = Codes(answer);
        var e = c.Expect;
        var summary = $"{c.Id}: status {status?.ToString() ?? "-"}, codes [{string.Join(", ", codes)}], answer: {Shorten(answer)}";
        if (e["code"] is { } code)
        {
            Assert.That(codes, Does.Contain(code.ToJsonString().Trim('"')), summary);
        }

        if (e["code_in"] is JsonArray anyCode)
        {
            Assert.That(codes.Intersect(anyCode.Select(x => x!.ToJsonString().Trim('"'))), Is.Not.Empty, summary);
        }

        if (e["status"] is { } exact)
        {
            Assert.That(status, Is.EqualTo((int)exact), summary);
        }

        if (e["status_in"] is JsonArray statuses)
        {
            Assert.That(statuses.Select(x => (int)x!), Does.Contain(status), summary);
        }

        if (e["not_ok"] is not null)
        {
            Assert.That(AnyOk(answer), Is.False, summary);
        }

        if (e["none_or_error"] is not null)
        {
            Assert.That(AnyOk(answer), Is.False, summary);
        }

        if (status is { } s)
        {
            Assert.That(s, Is.LessThan(500), summary);
        }
    }

    /// <summary>Asserts an answer holds no secret, no host path and no stack trace.</summary>
    public static void AssertNoLeak(string caseId, string answer, IEnumerable<string> secrets, IEnumerable<string> hostPaths)
    {
        foreach (var secret in secrets)
        {
            Assert.That(answer, Does.Not.Contain(secret), $"{caseId}: the answer holds a secret");
        }

        foreach (var path in hostPaths)
        {
            Assert.That(answer, Does.Not.Contain(path), $"{caseId}: the answer holds a host path ({path})");
        }

        Assert.That(answer, Does.Not.Contain("   at ").And.Not.Contain("Exception:"), $"{caseId}: the answer holds a stack trace: {Shorten(answer)}");
        Assert.That(answer, Does.Not.Contain("CANARY-SECRET").And.Not.Contain("CANARY-CONTENT"), $"{caseId}: the answer holds content from outside the roots");
    }

    public static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + $"…({text.Length} chars)";

    private static JsonNode? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 4096 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Collect(JsonNode? node, List<string> codes, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key is "code" or "error_code" && value is JsonValue v)
                    {
                        codes.Add(v.ToJsonString().Trim('"'));
                    }
                    else if (key == "text" && value is JsonValue t && t.GetValueKind() == JsonValueKind.String && TryParse((string)t!) is { } inner)
                    {
                        Collect(inner, codes, depth + 1);
                    }
                    else
                    {
                        Collect(value, codes, depth + 1);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, codes, depth + 1);
                }

                break;
        }
    }

    private static bool HasOk(JsonNode? node, int depth)
    {
        if (depth > 64)
        {
            return false;
        }

        switch (node)
        {
            case JsonObject o:
                if (o["ok"] is JsonValue ok && ok.GetValueKind() == JsonValueKind.True)
                {
                    return true;
                }

                return o.Any(kv => HasOk(kv.Value, depth + 1));
            case JsonArray a:
                return a.Any(x => HasOk(x, depth + 1));
            default:
                return false;
        }
    }
}
