using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Burly.Audit;

/// <summary>
/// The compliance report of the operations guide over a time window: calls by result, by tool and by user,
/// failures, confirmations, mutations and security events, with the chain verification status.
/// </summary>
public sealed class AuditReport
{
    private static readonly string[] SecurityEventTypes = [AuditEventTypes.SecurityViolation, AuditEventTypes.AuthFailure, AuditEventTypes.RateLimited];

    /// <summary>Start of the report period (null: every record).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>When the report was generated.</summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The <c>seq</c> of the first record added (null: none or unnumbered).</summary>
    public long? FirstSeq { get; private set; }

    /// <summary>The <c>seq</c> of the last numbered record added.</summary>
    public long? LastSeq { get; private set; }

    /// <summary>The <c>timestamp</c> of the first record added.</summary>
    public string? FirstTimestamp { get; private set; }

    /// <summary>The <c>timestamp</c> of the last record added.</summary>
    public string? LastTimestamp { get; private set; }

    /// <summary>Records added.</summary>
    public long Records { get; private set; }

    /// <summary>Tool-call records added.</summary>
    public long ToolCalls { get; private set; }

    /// <summary>Records by <c>event_type</c>.</summary>
    public SortedDictionary<string, long> ByEventType { get; } = new(StringComparer.Ordinal);

    /// <summary>Tool calls by <c>result</c>.</summary>
    public SortedDictionary<string, long> ByResult { get; } = new(StringComparer.Ordinal);

    /// <summary>Tool calls by <c>tool_name</c>.</summary>
    public SortedDictionary<string, long> ByTool { get; } = new(StringComparer.Ordinal);

    /// <summary>Tool calls by <c>user_id</c>.</summary>
    public SortedDictionary<string, long> ByUser { get; } = new(StringComparer.Ordinal);

    /// <summary>The first failed or timed-out calls (at most <see cref="MaxFailuresListed"/>).</summary>
    public List<JsonObject> Failures { get; } = [];

    /// <summary>Failed or timed-out tool calls.</summary>
    public long Failed { get; private set; }

    /// <summary>Calls answered <c>need_confirm</c>.</summary>
    public long ConfirmationsRequired { get; private set; }

    /// <summary>Calls whose confirmation was declined.</summary>
    public long ConfirmationsDeclined { get; private set; }

    /// <summary>Confirmed calls by confirmation method.</summary>
    public SortedDictionary<string, long> ConfirmedByMethod { get; } = new(StringComparer.Ordinal);

    /// <summary>Successful mutating calls by tool.</summary>
    public SortedDictionary<string, long> MutationsByTool { get; } = new(StringComparer.Ordinal);

    /// <summary>Successful mutating calls.</summary>
    public long Mutations { get; private set; }

    /// <summary>Security events by kind.</summary>
    public SortedDictionary<string, long> SecurityEvents { get; } = new(StringComparer.Ordinal);

    /// <summary>Policy reloads.</summary>
    public long PolicyReloads { get; private set; }

    /// <summary>Rejected policy reloads.</summary>
    public long PolicyReloadFailures { get; private set; }

    /// <summary>The hash-chain verification of the log, when checked.</summary>
    public AuditVerification? Verification { get; init; }

    /// <summary>The most failures listed individually.</summary>
    public const int MaxFailuresListed = 50;

    /// <summary>Counts one audit record.</summary>
    public void Add(JsonObject record)
    {
        Records++;
        var seq = record[AuditFields.Seq] is JsonValue sv && sv.TryGetValue<long>(out var n) ? n : (long?)null;
        FirstSeq ??= seq;
        LastSeq = seq ?? LastSeq;
        FirstTimestamp ??= AuditFilter.Text(record, AuditFields.Timestamp);
        LastTimestamp = AuditFilter.Text(record, AuditFields.Timestamp);
        var eventType = AuditFilter.Text(record, AuditFields.EventType) ?? "unknown";
        Increment(ByEventType, eventType);
        var result = AuditFilter.Text(record, AuditFields.Result) ?? "unknown";
        if (Array.IndexOf(SecurityEventTypes, eventType) >= 0)
        {
            Increment(SecurityEvents, eventType == AuditEventTypes.SecurityViolation
                ? "security_violation:" + (record[AuditFields.Details] is JsonObject d && AuditFilter.Text(d, AuditFields.ViolationType) is { } vt ? vt : "unknown")
                : eventType);
        }

        if (eventType == AuditEventTypes.PolicyReload)
        {
            PolicyReloads++;
            if (result == AuditResults.Failure)
            {
                PolicyReloadFailures++;
            }
        }

        if (eventType != AuditEventTypes.ToolCall)
        {
            return;
        }

        ToolCalls++;
        var tool = AuditFilter.Text(record, AuditFields.ToolName) ?? "(none)";
        var user = AuditFilter.Text(record, AuditFields.UserId) ?? "(unknown)";
        Increment(ByResult, result);
        Increment(ByTool, tool);
        Increment(ByUser, user);
        if (result is AuditResults.Failure or AuditResults.Timeout)
        {
            Failed++;
            if (Failures.Count < MaxFailuresListed)
            {
                Failures.Add(new JsonObject
                {
                    [AuditFields.Timestamp] = AuditFilter.Text(record, AuditFields.Timestamp),
                    [AuditFields.ToolName] = tool,
                    [AuditFields.UserId] = user,
                    [AuditFields.ErrorCode] = AuditFilter.Text(record, AuditFields.ErrorCode),
                    [AuditFields.Error] = AuditFilter.Text(record, AuditFields.Error),
                    [AuditFields.Seq] = record[AuditFields.Seq]?.DeepClone(),
                });
            }
        }

        if (result == AuditResults.NeedConfirm)
        {
            ConfirmationsRequired++;
        }

        if (AuditFilter.Text(record, AuditFields.ErrorCode) == BurlyErrorCodes.ConfirmationDeclined)
        {
            ConfirmationsDeclined++;
        }

        if (AuditFilter.Flag(record, AuditFields.SecurityContext, AuditFields.Confirmed)
            && record[AuditFields.SecurityContext] is JsonObject sc && AuditFilter.Text(sc, AuditFields.ConfirmationMethod) is { } method)
        {
            Increment(ConfirmedByMethod, method);
        }

        if (AuditFilter.Flag(record, AuditFields.SecurityContext, AuditFields.MutatesSystem) && result == AuditResults.Success)
        {
            Mutations++;
            Increment(MutationsByTool, tool);
        }

        if (result == AuditResults.Denied && AuditFilter.Text(record, AuditFields.ErrorCode) is BurlyErrorCodes.Forbidden or BurlyErrorCodes.PathOutsideRoot)
        {
            Increment(SecurityEvents, "denied:" + AuditFilter.Text(record, AuditFields.ErrorCode));
        }
    }

    /// <summary>The report as JSON (<c>burly audit report --json</c>).</summary>
    public JsonObject ToJson() => new()
    {
        ["generated_at"] = AuditRecordSerializer.FormatTimestamp(GeneratedAt),
        ["since"] = Since is { } s ? AuditRecordSerializer.FormatTimestamp(s) : null,
        ["records"] = Records,
        ["tool_calls"] = ToolCalls,
        ["chain"] = Verification is null ? null : new JsonObject
        {
            ["valid"] = Verification.Valid,
            ["records"] = Verification.Records,
            ["first_bad_seq"] = Verification.FirstBadSeq,
            ["problem"] = Verification.Problem,
            ["torn_last_line"] = Verification.TornLastLine,
        },
        ["by_event_type"] = ToJson(ByEventType),
        ["by_result"] = ToJson(ByResult),
        ["by_tool"] = ToJson(ByTool),
        ["by_user"] = ToJson(ByUser),
        ["failures"] = new JsonObject { ["count"] = Failed, ["latest"] = new JsonArray(Failures.Select(f => (JsonNode?)f.DeepClone()).ToArray()) },
        ["confirmations"] = new JsonObject
        {
            ["required"] = ConfirmationsRequired,
            ["declined"] = ConfirmationsDeclined,
            ["confirmed_by_method"] = ToJson(ConfirmedByMethod),
        },
        ["mutations"] = new JsonObject { ["count"] = Mutations, ["by_tool"] = ToJson(MutationsByTool) },
        ["security_events"] = ToJson(SecurityEvents),
        ["policy_reloads"] = new JsonObject { ["count"] = PolicyReloads, ["failed"] = PolicyReloadFailures },
    };

    /// <summary>The report as text (<c>burly audit report</c>).</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("Burly compliance report");
        sb.AppendLine(inv, $"Generated: {AuditRecordSerializer.FormatTimestamp(GeneratedAt)}");
        sb.AppendLine(inv, $"Period:    {(Since is { } s ? "since " + AuditRecordSerializer.FormatTimestamp(s) : "all records")}");
        if (Verification is { } v)
        {
            sb.AppendLine(inv, $"Audit chain: {(v.Valid ? $"VALID ({v.Records} records{(v.TornLastLine ? ", torn last line ignored" : string.Empty)})" : $"BROKEN at seq {v.FirstBadSeq}: {v.Problem}")}");
        }

        sb.AppendLine(inv, $"Records: {Records} (tool calls: {ToolCalls})");
        Section(sb, "Calls by result", ByResult);
        Section(sb, "Calls by tool", ByTool);
        Section(sb, "Calls by user", ByUser);
        sb.AppendLine();
        sb.AppendLine(inv, $"Failures: {Failed}");
        foreach (var f in Failures)
        {
            sb.AppendLine(inv, $"  {f[AuditFields.Timestamp]} {f[AuditFields.ToolName]} {f[AuditFields.UserId]} {f[AuditFields.ErrorCode]}: {f[AuditFields.Error]}");
        }

        sb.AppendLine();
        sb.AppendLine(inv, $"Confirmations: required {ConfirmationsRequired}, declined {ConfirmationsDeclined}");
        foreach (var (method, n) in ConfirmedByMethod)
        {
            sb.AppendLine(inv, $"  confirmed by {method}: {n}");
        }

        sb.AppendLine();
        sb.AppendLine(inv, $"Mutations (successful, mutates_system): {Mutations}");
        foreach (var (tool, n) in MutationsByTool)
        {
            sb.AppendLine(inv, $"  {n,8}  {tool}");
        }

        Section(sb, "Security events", SecurityEvents);
        sb.AppendLine();
        sb.AppendLine(inv, $"Policy reloads: {PolicyReloads} ({PolicyReloadFailures} rejected)");
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, string title, SortedDictionary<string, long> counts)
    {
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{title}:");
        if (counts.Count == 0)
        {
            sb.AppendLine("  (none)");
        }

        foreach (var (key, n) in counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {n,8}  {key}");
        }
    }

    private static JsonObject ToJson(SortedDictionary<string, long> counts)
    {
        var o = new JsonObject();
        foreach (var (k, v) in counts)
        {
            o[k] = v;
        }

        return o;
    }

    private static void Increment(SortedDictionary<string, long> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}
