using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Burly.Audit;

/// <summary>Canonical JSON (object keys sorted ordinally, compact) and its SHA-256, for <c>args_hash</c>.</summary>
internal static class CanonicalJson
{
    /// <summary>Returns the canonical text of a JSON value.</summary>
    /// <param name="element">The value.</param>
    /// <returns>The canonical text.</returns>
    public static string Serialize(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, element);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Returns the SHA-256 (lowercase hex) of the canonical text.</summary>
    /// <param name="element">The value.</param>
    /// <returns>The hash.</returns>
    public static string Hash(JsonElement element) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Serialize(element))));

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(p.Name);
                    Write(writer, p.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Undefined:
                writer.WriteNullValue();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
