using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Burly.Audit;

/// <summary>Canonical JSON (object keys sorted ordinally, compact) and its SHA-256, for <c>args_hash</c>.</summary>
internal static class CanonicalJson
{
    // Per thread, reused: hashing the arguments of every call allocates only the hex string.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private const int RetainedCapacity = 64 * 1024;

    /// <summary>Returns the canonical text of a JSON value.</summary>
    /// <param name="element">The value.</param>
    /// <returns>The canonical text.</returns>
    public static string Serialize(JsonElement element) => Encoding.UTF8.GetString(Write(element).WrittenSpan);

    /// <summary>Returns the SHA-256 (lowercase hex) of the canonical text.</summary>
    /// <param name="element">The value.</param>
    /// <returns>The hash.</returns>
    public static string Hash(JsonElement element)
    {
        var buffer = Write(element);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        if (buffer.Capacity > RetainedCapacity)
        {
            t_buffer = null; // a huge argument: do not keep its buffer for the thread's lifetime
            t_writer = null;
        }

        return Convert.ToHexStringLower(hash);
    }

    private static ArrayBufferWriter<byte> Write(JsonElement element)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        try
        {
            Write(writer, element);
            writer.Flush();
        }
        finally
        {
            writer.Reset(buffer);
        }

        return buffer;
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                if (element.GetPropertyCount() <= 1)
                {
                    foreach (var p in element.EnumerateObject())
                    {
                        writer.WritePropertyName(p.Name);
                        Write(writer, p.Value);
                    }
                }
                else
                {
                    foreach (var p in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        writer.WritePropertyName(p.Name);
                        Write(writer, p.Value);
                    }
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
