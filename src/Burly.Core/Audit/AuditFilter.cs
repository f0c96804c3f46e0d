using System.Globalization;
using System.Text.Json.Nodes;

namespace Burly.Audit;

/// <summary>Selects audit records by tool, user, result, event type and time (the CLI's <c>query</c>/<c>report</c> filters).</summary>
public sealed record AuditFilter
{
    /// <summary>Only records with this <c>tool_name</c> (null: any).</summary>
    public string? Tool { get; init; }

    /// <summary>Only records with this <c>user_id</c> (null: any).</summary>
    public string? User { get; init; }

    /// <summary>Only records with this <c>result</c> (null: any).</summary>
    public string? Result { get; init; }

    /// <summary>Only records with this <c>event_type</c> (null: any).</summary>
    public string? EventType { get; init; }

    /// <summary>Only records at or after this time (null: any).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>True when <paramref name="record"/> passes every filter that is set.</summary>
    public bool Matches(JsonObject record)
    {
        if (Tool is not null && !string.Equals(Text(record, AuditFields.ToolName), Tool, StringComparison.Ordinal))
        {
            return false;
        }

        if (User is not null && !string.Equals(Text(record, AuditFields.UserId), User, StringComparison.Ordinal))
        {
            return false;
        }

        if (Result is not null && !string.Equals(Text(record, AuditFields.Result), Result, StringComparison.Ordinal))
        {
            return false;
        }

        if (EventType is not null && !string.Equals(Text(record, AuditFields.EventType), EventType, StringComparison.Ordinal))
        {
            return false;
        }

        return Since is not { } since || (Timestamp(record) is { } ts && ts >= since);
    }

    /// <summary>Parses <c>24h</c>, <c>30m</c>, <c>7d</c>, <c>2w</c>, <c>90s</c> (relative to <paramref name="now"/>) or an ISO-8601 time.</summary>
    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        since = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var unit = char.ToLowerInvariant(text[^1]);
        if ("smhdw".Contains(unit, StringComparison.Ordinal) && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            var span = unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(7 * amount),
            };
            since = now - span;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since);
    }

    internal static string? Text(JsonObject record, string name) =>
        record[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static bool Flag(JsonObject record, string section, string name) =>
        record[section] is JsonObject o && o[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    internal static DateTimeOffset? Timestamp(JsonObject record) =>
        Text(record, AuditFields.Timestamp) is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ts) ? ts : null;
}
