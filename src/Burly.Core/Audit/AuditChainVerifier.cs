using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.Audit;

/// <summary>Result of verifying an audit chain.</summary>
/// <param name="Valid">Whether every record checked out.</param>
/// <param name="Records">How many records were read.</param>
/// <param name="FirstBadSeq">The seq of the first bad record (or the seq expected where one is missing).</param>
/// <param name="FirstBadLine">The 1-based line (within <paramref name="FirstBadFile"/>) of the first problem.</param>
/// <param name="Problem">What is wrong.</param>
/// <param name="TornLastLine">Whether the last line was torn (ignored and reported, not a chain break).</param>
/// <param name="FirstBadFile">The file name of the first problem, when verifying files.</param>
public sealed record AuditVerification(bool Valid, long Records, long? FirstBadSeq, long? FirstBadLine, string? Problem, bool TornLastLine, string? FirstBadFile = null)
{
    /// <summary>Gets the first seq seen (a log whose oldest files were deleted by retention starts above 1).</summary>
    public long? FirstSeq { get; init; }

    /// <summary>Gets the last seq verified.</summary>
    public long? LastSeq { get; init; }

    /// <summary>Gets the files verified, oldest first (names only).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Gets where the torn last line is (file:line), when there is one.</summary>
    public string? TornLocation { get; init; }

    /// <summary>
    /// Gets the mutating calls whose write-ahead intent (<see cref="AuditEventTypes.ToolCallIntent"/>) has no outcome
    /// record: the process stopped while they ran, so whether the change was made is unknown. Not tampering.
    /// </summary>
    public IReadOnlyList<AuditUnknownOutcome> OutcomeUnknown { get; init; } = [];
}

/// <summary>A mutating call whose outcome is unknown (an intent record with no outcome record).</summary>
/// <param name="Seq">The intent record's seq.</param>
/// <param name="RequestId">The request id.</param>
/// <param name="ToolName">The tool.</param>
/// <param name="Timestamp">When the call started.</param>
public sealed record AuditUnknownOutcome(long Seq, string RequestId, string ToolName, string? Timestamp);

/// <summary>Verifies the hash chain of audit lines, across rotated files.</summary>
public static class AuditChainVerifier
{
    /// <summary>Verifies lines in order (oldest first, across rotated files).</summary>
    /// <param name="lines">The lines.</param>
    /// <param name="lastLineMayBeTorn">Whether an unparsable last line is a crash artefact to report rather than tampering.</param>
    /// <returns>The verification result.</returns>
    public static AuditVerification Verify(IEnumerable<string> lines, bool lastLineMayBeTorn = true)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var list = lines as IList<string> ?? lines.ToList();
        return Verify(list.Select((l, i) => new AuditLine(string.Empty, i + 1, l, i == list.Count - 1)), lastLineMayBeTorn);
    }

    /// <summary>Verifies a whole log: the active file and its rotated (and compressed) predecessors, oldest first.</summary>
    /// <param name="activePath">The active audit file.</param>
    /// <returns>The verification result (file names, not paths).</returns>
    public static AuditVerification VerifyLog(string activePath)
    {
        var reader = new AuditReader(activePath);
        var files = reader.Files.Select(f => Path.GetFileName(f.Path)).ToList();
        return Verify(reader.ReadLines()) with { Files = files };
    }

    /// <summary>Verifies located lines in order.</summary>
    /// <param name="lines">The lines, oldest first.</param>
    /// <param name="lastLineMayBeTorn">Whether an unparsable last line is a crash artefact to report rather than tampering.</param>
    /// <returns>The verification result.</returns>
    public static AuditVerification Verify(IEnumerable<AuditLine> lines, bool lastLineMayBeTorn = true)
    {
        ArgumentNullException.ThrowIfNull(lines);
        string? prevHash = null;
        long? prevSeq = null;
        long? firstSeq = null;
        long count = 0;
        string? torn = null;
        var intents = new Dictionary<string, AuditUnknownOutcome>(StringComparer.Ordinal);

        AuditVerification Bad(long? seq, AuditLine line, string problem) =>
            new(false, count, seq, line.LineNumber, problem, false, line.File.Length == 0 ? null : line.File) { FirstSeq = firstSeq, LastSeq = prevSeq };

        foreach (var line in lines)
        {
            if (line.Text.Length == 0)
            {
                continue;
            }

            JsonObject? obj;
            try
            {
                obj = JsonNode.Parse(line.Text) as JsonObject;
            }
            catch (JsonException)
            {
                obj = null;
            }

            if (obj is null)
            {
                if (line.IsLastOfLog && lastLineMayBeTorn)
                {
                    torn = line.File.Length == 0 ? $"line {line.LineNumber}" : $"{line.File}:{line.LineNumber}";
                    break;
                }

                return Bad(prevSeq + 1, line, "line is not valid JSON");
            }

            count++;
            long seq;
            string? recordPrev;
            string? hash;
            try
            {
                seq = obj["seq"] is JsonValue s && s.TryGetValue<long>(out var sv) ? sv : -1;
                recordPrev = obj["prev_hash"]?.GetValue<string>();
                hash = obj["hash"]?.GetValue<string>();
            }
            catch (InvalidOperationException)
            {
                seq = -1;
                recordPrev = null;
                hash = null;
            }

            if (seq < 0 || recordPrev is null || hash is null)
            {
                return Bad(seq < 0 ? prevSeq + 1 : seq, line, "record has no seq/prev_hash/hash");
            }

            if (prevSeq is not null && seq == 1 && recordPrev == AuditRecordSerializer.GenesisHash)
            {
                // A new chain (e.g. the log was deliberately reset); accepted but it restarts the check.
            }
            else if (prevSeq is not null && seq != prevSeq + 1)
            {
                return Bad(prevSeq + 1, line, seq > prevSeq + 1
                    ? $"record seq {prevSeq + 1} is missing (found {seq}): lines were deleted"
                    : $"record seq {seq} is out of order (expected {prevSeq + 1})");
            }
            else if (prevHash is not null && recordPrev != prevHash)
            {
                return Bad(seq, line, "prev_hash does not match the previous record's hash");
            }

            var expected = AuditRecordSerializer.ComputeHash(recordPrev, AuditRecordSerializer.Canonicalize(obj));
            if (!string.Equals(expected, hash, StringComparison.Ordinal))
            {
                return Bad(seq, line, "hash does not match the record's content (edited?)");
            }

            TrackIntent(intents, obj, seq);
            firstSeq ??= seq;
            prevSeq = seq;
            prevHash = hash;
        }

        return new AuditVerification(true, count, null, null, null, torn is not null)
        {
            FirstSeq = firstSeq, LastSeq = prevSeq, TornLocation = torn, OutcomeUnknown = intents.Values.OrderBy(i => i.Seq).ToList(),
        };
    }

    private static void TrackIntent(Dictionary<string, AuditUnknownOutcome> intents, JsonObject record, long seq)
    {
        if (record["request_id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id))
        {
            return;
        }

        var eventType = record["event_type"] is JsonValue e && e.TryGetValue<string>(out var et) ? et : null;
        if (eventType == AuditEventTypes.ToolCallIntent)
        {
            var tool = record["tool_name"] is JsonValue t && t.TryGetValue<string>(out var tn) ? tn : string.Empty;
            var timestamp = record["timestamp"] is JsonValue ts && ts.TryGetValue<string>(out var tv) ? tv : null;
            intents[id] = new AuditUnknownOutcome(seq, id, tool, timestamp);
        }
        else if (eventType == AuditEventTypes.ToolCall)
        {
            intents.Remove(id);
        }
    }
}
