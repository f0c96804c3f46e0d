using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.Audit;

/// <summary>
/// Writes audit records with the fixed field names and order, and computes the chain hash:
/// <c>hash = SHA-256(prev_hash + canonical record without "hash")</c>, where the canonical record is the
/// compact JSON exactly as written, minus the trailing <c>hash</c> member.
/// </summary>
public static class AuditRecordSerializer
{
    /// <summary>The <c>prev_hash</c> of the first record of a chain.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    // Relaxed escaping keeps lines greppable ("+00:00", not "\u002B00:00"); the verifier re-serializes with the same options.
    internal static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds the JSON object of a record without its hash, in the fixed field order.</summary>
    /// <param name="r">The record.</param>
    /// <returns>The JSON object.</returns>
    public static JsonObject ToJson(AuditRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var obj = new JsonObject
        {
            [AuditFields.Timestamp] = FormatTimestamp(r.Timestamp),
            [AuditFields.EventType] = r.EventType,
            [AuditFields.RequestId] = r.RequestId,
            [AuditFields.SessionId] = r.SessionId,
            [AuditFields.Transport] = r.Transport,
            [AuditFields.UserId] = r.UserId,
            ["client"] = r.ClientName is null && r.ClientVersion is null ? null : new JsonObject { ["name"] = r.ClientName, ["version"] = r.ClientVersion },
            // Never null: the guide's `jq 'select(.tool_name | contains("blog"))'` must not fail on server or auth events.
            [AuditFields.ToolName] = r.ToolName ?? string.Empty,
            ["arguments"] = r.Arguments?.DeepClone(),
            ["args_hash"] = r.ArgsHash,
            [AuditFields.Result] = r.Result,
            [AuditFields.Error] = r.Error,
            [AuditFields.ErrorCode] = r.ErrorCode,
            ["exit_code"] = r.ExitCode,
            ["execution_time_ms"] = r.ExecutionTimeMs is { } ms ? Math.Round(ms, 3) : null,
            ["output_size"] = r.OutputSize,
            ["output_truncated"] = r.OutputTruncated,
            [AuditFields.SecurityContext] = new JsonObject
            {
                [AuditFields.MutatesSystem] = r.MutatesSystem ?? false,
                ["requires_confirmation"] = r.RequiresConfirmation ?? false,
                [AuditFields.Confirmed] = r.Confirmed ?? false,
                [AuditFields.ConfirmationMethod] = r.ConfirmationMethod,
            },
        };
        if (r.ApprovedBy is not null)
        {
            ((JsonObject)obj[AuditFields.SecurityContext]!)["approved_by"] = r.ApprovedBy;
        }

        if (r.ClientRequests is not null)
        {
            obj[AuditClientRequestFields.Object] = r.ClientRequests.DeepClone();
        }

        if (r.Details is not null)
        {
            obj[AuditFields.Details] = r.Details.DeepClone();
        }

        obj[AuditFields.Seq] = r.Seq;
        obj["prev_hash"] = r.PrevHash ?? GenesisHash;
        return obj;
    }

    /// <summary>Serializes a record (with seq and prev_hash set) to one line without the trailing newline, setting <see cref="AuditRecord.Hash"/>.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The JSON line.</returns>
    public static string SerializeLine(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = new ArrayBufferWriter<byte>(512);
        new AuditLineWriter().Append(record, line);
        return Encoding.UTF8.GetString(line.WrittenSpan[..^1]); // without the newline
    }

    /// <summary>The record as <see cref="ToJson"/> builds it, serialised: the reference the direct writer is tested against.</summary>
    /// <param name="record">The record (seq and prev_hash set).</param>
    /// <returns>The canonical text (without the hash member).</returns>
    internal static string ToCanonicalViaJsonObject(AuditRecord record) => ToJson(record).ToJsonString(WriteOptions);

    /// <summary>Computes a chain hash.</summary>
    /// <param name="prevHash">The previous hash.</param>
    /// <param name="canonical">The canonical record text.</param>
    /// <returns>The lowercase hex SHA-256.</returns>
    public static string ComputeHash(string prevHash, string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prevHash + canonical)));

    /// <summary>Returns the canonical text of a parsed line (the line without its <c>hash</c> member).</summary>
    /// <param name="line">The parsed line.</param>
    /// <returns>The canonical text.</returns>
    public static string Canonicalize(JsonObject line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var copy = (JsonObject)line.DeepClone();
        copy.Remove("hash");
        return copy.ToJsonString(WriteOptions);
    }

    /// <summary>Formats a timestamp as UTC ISO-8601 with microseconds and <c>+00:00</c>.</summary>
    /// <param name="timestamp">The time.</param>
    /// <returns>The text.</returns>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
}
