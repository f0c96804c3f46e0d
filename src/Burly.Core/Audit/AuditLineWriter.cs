using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Burly.Audit;

/// <summary>
/// Writes audit lines straight to UTF-8, byte for byte what <see cref="AuditRecordSerializer.ToJson"/> +
/// <c>ToJsonString</c> would give (same field order, same relaxed escaping, same number formatting), without building
/// a <see cref="System.Text.Json.Nodes.JsonObject"/> tree, cloning the arguments or going through UTF-16 strings.
/// The chain hash is computed over <c>prev_hash</c> and the canonical bytes in one buffer.
/// Reuses its buffers: not thread-safe (the audit writer serialises access).
/// </summary>
internal sealed class AuditLineWriter
{
    private static readonly JsonSerializerOptions NodeOptions = AuditRecordSerializer.WriteOptions;

    // Same writer settings as JsonNode.ToJsonString(WriteOptions): relaxed encoder, compact, the serializer's default depth.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = AuditRecordSerializer.WriteOptions.Encoder,
        Indented = false,
        MaxDepth = 64,
    };

    private static readonly byte[] HashMember = ",\"hash\":\""u8.ToArray();

    // Capacity kept between batches; a buffer grown beyond it by one huge record is dropped after use.
    private const int RetainedCapacity = 64 * 1024;

    private ArrayBufferWriter<byte> _scratch = new(1024);
    private readonly Utf8JsonWriter _json;

    public AuditLineWriter()
    {
        _json = new Utf8JsonWriter(_scratch, WriterOptions);
    }

    /// <summary>
    /// Appends one line (with its <c>hash</c> member and a trailing newline) for a record whose <see cref="AuditRecord.Seq"/>
    /// and <see cref="AuditRecord.PrevHash"/> are set, and sets <see cref="AuditRecord.Hash"/>.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <param name="output">Where the line goes.</param>
    public void Append(AuditRecord record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(record);
        var scratch = _scratch;
        scratch.ResetWrittenCount();

        // prev_hash first (ASCII hex), then the canonical record: the hash input is one contiguous span.
        var prevHash = record.PrevHash ?? AuditRecordSerializer.GenesisHash;
        var prefix = Encoding.UTF8.GetBytes(prevHash, scratch.GetSpan(Encoding.UTF8.GetMaxByteCount(prevHash.Length)));
        scratch.Advance(prefix);
        _json.Reset(scratch);
        try
        {
            WriteCanonical(_json, record);
            _json.Flush();
        }
        finally
        {
            _json.Reset(scratch); // drop any half-written state (e.g. an argument tree too deep) before the next record
        }

        var written = scratch.WrittenSpan;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(written, hash);
        Span<byte> hex = stackalloc byte[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(hash, hex, out _);
        record.Hash = Encoding.ASCII.GetString(hex);

        var canonical = written[prefix..];
        var length = canonical.Length - 1 + HashMember.Length + hex.Length + 3;
        var target = output.GetSpan(length);
        canonical[..^1].CopyTo(target);
        var at = canonical.Length - 1;
        HashMember.CopyTo(target[at..]);
        at += HashMember.Length;
        hex.CopyTo(target[at..]);
        at += hex.Length;
        "\"}\n"u8.CopyTo(target[at..]);
        output.Advance(length);

        if (scratch.Capacity > RetainedCapacity)
        {
            _scratch = new ArrayBufferWriter<byte>(1024);
            _json.Reset(_scratch);
        }
    }

    private static void WriteCanonical(Utf8JsonWriter w, AuditRecord r)
    {
        w.WriteStartObject();
        WriteTimestamp(w, r.Timestamp);
        w.WriteString(AuditFields.EventType, r.EventType);
        WriteStringOrNull(w, AuditFields.RequestId, r.RequestId);
        WriteStringOrNull(w, AuditFields.SessionId, r.SessionId);
        WriteStringOrNull(w, AuditFields.Transport, r.Transport);
        WriteStringOrNull(w, AuditFields.UserId, r.UserId);
        if (r.ClientName is null && r.ClientVersion is null)
        {
            w.WriteNull("client");
        }
        else
        {
            w.WriteStartObject("client");
            WriteStringOrNull(w, "name", r.ClientName);
            WriteStringOrNull(w, "version", r.ClientVersion);
            w.WriteEndObject();
        }

        w.WriteString(AuditFields.ToolName, r.ToolName ?? string.Empty);
        w.WritePropertyName("arguments");
        if (r.Arguments is null)
        {
            w.WriteNullValue();
        }
        else
        {
            r.Arguments.WriteTo(w, NodeOptions);
        }

        WriteStringOrNull(w, "args_hash", r.ArgsHash);
        WriteStringOrNull(w, AuditFields.Result, r.Result);
        WriteStringOrNull(w, AuditFields.Error, r.Error);
        WriteStringOrNull(w, AuditFields.ErrorCode, r.ErrorCode);
        if (r.ExitCode is { } exit)
        {
            w.WriteNumber("exit_code", exit);
        }
        else
        {
            w.WriteNull("exit_code");
        }

        if (r.ExecutionTimeMs is { } ms)
        {
            w.WriteNumber("execution_time_ms", Math.Round(ms, 3));
        }
        else
        {
            w.WriteNull("execution_time_ms");
        }

        if (r.OutputSize is { } size)
        {
            w.WriteNumber("output_size", size);
        }
        else
        {
            w.WriteNull("output_size");
        }

        if (r.OutputTruncated is { } truncated)
        {
            w.WriteBoolean("output_truncated", truncated);
        }
        else
        {
            w.WriteNull("output_truncated");
        }

        w.WriteStartObject(AuditFields.SecurityContext);
        w.WriteBoolean(AuditFields.MutatesSystem, r.MutatesSystem ?? false);
        w.WriteBoolean("requires_confirmation", r.RequiresConfirmation ?? false);
        w.WriteBoolean(AuditFields.Confirmed, r.Confirmed ?? false);
        WriteStringOrNull(w, AuditFields.ConfirmationMethod, r.ConfirmationMethod);
        if (r.ApprovedBy is not null)
        {
            w.WriteString("approved_by", r.ApprovedBy);
        }

        w.WriteEndObject();
        if (r.ClientRequests is not null)
        {
            w.WritePropertyName(AuditClientRequestFields.Object);
            r.ClientRequests.WriteTo(w, NodeOptions);
        }

        if (r.Details is not null)
        {
            w.WritePropertyName(AuditFields.Details);
            r.Details.WriteTo(w, NodeOptions);
        }

        w.WriteNumber(AuditFields.Seq, r.Seq);
        w.WriteString("prev_hash", r.PrevHash ?? AuditRecordSerializer.GenesisHash);
        w.WriteEndObject();
    }

    private static void WriteTimestamp(Utf8JsonWriter w, DateTimeOffset timestamp)
    {
        Span<byte> text = stackalloc byte[40];
        if (!timestamp.ToUniversalTime().TryFormat(text, out var length, "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture))
        {
            w.WriteString(AuditFields.Timestamp, AuditRecordSerializer.FormatTimestamp(timestamp));
            return;
        }

        w.WriteString(AuditFields.Timestamp, text[..length]);
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
