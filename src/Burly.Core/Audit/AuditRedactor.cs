using System.Text.Json;
using System.Text.Json.Nodes;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Burly.Configuration;
using Burly.Policy;

namespace Burly.Audit;

/// <summary>
/// Redacts arguments before they are written: keys naming a secret as a whole word (<c>api_key</c>, <c>token</c>;
/// not <c>monkey</c> or <c>author</c>), values matching the policy's <c>compliance.redact_patterns</c>, and values
/// containing the value of a sensitive environment variable.
/// </summary>
public static partial class AuditRedactor
{
    /// <summary>The replacement text.</summary>
    public const string Redacted = "[REDACTED]";

    private static readonly string[] DefaultSensitiveEnvironmentVariables =
        ["GOTIFY_TOKEN", "BURLYMCP_API_KEY", "BURLY_API_KEYS", "API_KEY", "API_SECRET", "DB_PASSWORD", "DATABASE_URL", "REDIS_URL", "PASSWORD", "SECRET", "TOKEN"];

    /// <summary>Tells whether a key names a secret (whole words, camelCase split).</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when the value must be redacted.</returns>
    public static bool IsSensitiveKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var words = CamelBoundary().Replace(key, "$1_$2").ToLowerInvariant();
        return SensitiveKey().IsMatch(words);
    }

    /// <summary>Returns a redacted deep copy of the arguments.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <param name="settings">The policy settings (redact patterns).</param>
    /// <param name="audit">The audit options (extra sensitive variables).</param>
    /// <returns>The redacted copy.</returns>
    public static JsonNode? Redact(JsonElement arguments, PolicySettings settings, AuditOptions audit)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(audit);
        // Compiled once per policy version and per options instance, not on every call: constructing the
        // Regex objects and reading the environment per call cost more than the redaction itself.
        var patterns = CompiledPatterns.GetValue(settings, static s =>
            s.RedactPatterns.Select(p => new Regex(p, RegexOptions.None, TimeSpan.FromMilliseconds(50))).ToList());
        var secrets = SecretValues.GetValue(audit, static a => DefaultSensitiveEnvironmentVariables.Concat(a.SensitiveEnvironmentVariables)
            .Select(Environment.GetEnvironmentVariable)
            .Where(v => v is { Length: >= 4 })
            .Cast<string>()
            .ToList());
        return RedactNode(JsonSerializer.SerializeToNode(arguments), patterns, secrets);
    }

    private static readonly ConditionalWeakTable<PolicySettings, List<Regex>> CompiledPatterns = new();
    private static readonly ConditionalWeakTable<AuditOptions, List<string>> SecretValues = new();

    private static JsonNode? RedactNode(JsonNode? node, List<Regex> patterns, List<string> secrets)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    obj[key] = IsSensitiveKey(key) && value is not null ? Redacted : RedactNode(value, patterns, secrets);
                }

                return obj;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    arr[i] = RedactNode(arr[i]?.DeepClone(), patterns, secrets);
                }

                return arr;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var s = v.GetValue<string>();
                if (secrets.Any(secret => s.Contains(secret, StringComparison.Ordinal)) || patterns.Any(p => SafeMatch(p, s)))
                {
                    return Redacted;
                }

                return JsonValue.Create(s);
            default:
                return node?.DeepClone();
        }
    }

    private static bool SafeMatch(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return true; // When in doubt, redact.
        }
    }

    [GeneratedRegex("(^|[^a-z0-9])(password|passwd|passphrase|token|secret|api[_-]?key|apikey|authorization|credentials?|private[_-]?key)($|[^a-z0-9])")]
    private static partial Regex SensitiveKey();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelBoundary();
}
