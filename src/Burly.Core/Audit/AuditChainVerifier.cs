using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.Audit;

/// <summary>Result of verifying an audit chain.</summary>
/// <param name="Valid">Whether every record checked out.</param>
/// <param name="Records">How many records were read.</param>
/// <param name="FirstBadSeq">The seq of the first bad record (or the seq expected where one is missing).</param>
/// <param name="FirstBadLine">The 1-based line of the first problem.</param>
/// <param name="Problem">What is wrong.</param>
/// <param name="TornLastLine">Whether the last line was torn (ignored and reported, not a chain break).</param>
public sealed record AuditVerification(bool Valid, long Records, long? FirstBadSeq, long? FirstBadLine, string? Problem, bool TornLastLine);

/// <summary>Verifies the hash chain of audit lines.</summary>
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
        string? prevHash = null;
        long? prevSeq = null;
        long count = 0;
        var torn = false;
        for (var i = 0; i < list.Count; i++)
        {
            var line = list[i];
            if (line.Length == 0)
            {
                continue;
            }

            JsonObject? obj;
            try
            {
                obj = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                obj = null;
            }

            if (obj is null)
            {
                if (i == list.Count - 1 && lastLineMayBeTorn)
                {
                    torn = true;
                    break;
                }

                return new AuditVerification(false, count, prevSeq + 1, i + 1, "line is not valid JSON", false);
            }

            count++;
            var seq = obj["seq"] is JsonValue s && s.TryGetValue<long>(out var sv) ? sv : -1;
            var recordPrev = obj["prev_hash"]?.GetValue<string>();
            var hash = obj["hash"]?.GetValue<string>();
            if (seq < 0 || recordPrev is null || hash is null)
            {
                return new AuditVerification(false, count, seq < 0 ? prevSeq + 1 : seq, i + 1, "record has no seq/prev_hash/hash", false);
            }

            if (prevSeq is not null && seq == 1 && recordPrev == AuditRecordSerializer.GenesisHash)
            {
                // A new chain (e.g. the log was deliberately reset); accepted but it restarts the check.
            }
            else if (prevSeq is not null && seq != prevSeq + 1)
            {
                return new AuditVerification(false, count, prevSeq + 1, i + 1, $"record seq {prevSeq + 1} is missing (found {seq})", false);
            }
            else if (prevHash is not null && recordPrev != prevHash)
            {
                return new AuditVerification(false, count, seq, i + 1, "prev_hash does not match the previous record's hash", false);
            }

            var expected = AuditRecordSerializer.ComputeHash(recordPrev, AuditRecordSerializer.Canonicalize(obj));
            if (!string.Equals(expected, hash, StringComparison.Ordinal))
            {
                return new AuditVerification(false, count, seq, i + 1, "hash does not match the record's content (edited?)", false);
            }

            prevSeq = seq;
            prevHash = hash;
        }

        return new AuditVerification(true, count, null, null, null, torn);
    }
}
