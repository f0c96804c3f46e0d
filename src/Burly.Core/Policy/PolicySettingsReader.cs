using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Burly.ToolPacks;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Burly.Policy.PolicySourceReader;
using static Burly.Policy.PolicyYamlReader;
using static Burly.Policy.PolicyToolMapper;
using static Burly.Policy.PolicyLoader;

namespace Burly.Policy;

/// <summary>Builds <see cref="PolicySettings"/> from the merged top-level settings.</summary>
internal static class PolicySettingsReader
{
    internal static PolicySettings BuildSettings(JsonObject config, Dictionary<string, (string File, int Line)> lines, List<PolicyProblem> problems, bool? readOnly, bool? disableDestructive)
    {
        var defaults = new PolicySettings();

        int Int(string path, int fallback, int min, int max)
        {
            var node = Find(config, path);
            if (node is null)
            {
                return fallback;
            }

            if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) && l >= min && l <= max)
            {
                return (int)l;
            }

            var (file, line) = lines.GetValueOrDefault(path.Split('.')[0], ("(config)", 0));
            problems.Add(new PolicyProblem(file, line, null, $"config.{path} must be a whole number between {min} and {max}."));
            return fallback;
        }

        List<string>? Strings(string path)
        {
            var node = Find(config, path);
            if (node is null)
            {
                return null;
            }

            if (node is JsonArray a && a.All(i => i is JsonValue iv && iv.GetValueKind() == JsonValueKind.String))
            {
                return a.Select(i => i!.GetValue<string>()).ToList();
            }

            var (file, line) = lines.GetValueOrDefault(path.Split('.')[0], ("(config)", 0));
            problems.Add(new PolicyProblem(file, line, null, $"config.{path} must be a list of strings."));
            return null;
        }

        var priorities = new Dictionary<string, int>(defaults.GotifyPriorities);
        if (Find(config, "notifications.gotify.priorities") is JsonObject p)
        {
            foreach (var (k, _) in p)
            {
                priorities[k] = Int("notifications.gotify.priorities." + k, priorities.GetValueOrDefault(k, 5), 0, 10);
            }
        }

        var redact = Strings("compliance.redact_patterns") ?? [];
        foreach (var pattern in redact)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                var (file, line) = lines.GetValueOrDefault("compliance", ("(config)", 0));
                problems.Add(new PolicyProblem(file, line, null, $"config.compliance.redact_patterns: '{pattern}' is not a valid regular expression."));
            }
        }

        var extensions = Strings("security.allowed_blog_extensions");
        return new PolicySettings
        {
            OutputTruncateLimit = Int("output_truncate_limit", defaults.OutputTruncateLimit, 256, 64 * 1024 * 1024),
            DefaultTimeoutSec = Int("default_timeout_sec", defaults.DefaultTimeoutSec, 1, 300),
            MaxBlogFileSize = Int("security.max_blog_file_size", (int)defaults.MaxBlogFileSize, 1, 64 * 1024 * 1024),
            MaxFilesPerOperation = Int("security.max_files_per_operation", defaults.MaxFilesPerOperation, 1, 10_000),
            AllowedBlogExtensions = extensions?.Select(e => e.StartsWith('.') ? e : "." + e).ToList() ?? defaults.AllowedBlogExtensions,
            GotifyPriorities = priorities,
            NotificationsPerMinute = Int("notifications.rate_limit.max_per_minute", defaults.NotificationsPerMinute, 0, 100_000),
            NotificationsPerHour = Int("notifications.rate_limit.max_per_hour", defaults.NotificationsPerHour, 0, 1_000_000),
            RedactPatterns = redact,
            AuditRetentionDays = Int("compliance.audit_retention_days", defaults.AuditRetentionDays, 1, 3650),
            ReadOnly = readOnly ?? (Find(config, "read_only") is JsonValue ro && ro.GetValueKind() == JsonValueKind.True),
            DisableDestructive = disableDestructive ?? (Find(config, "disable_destructive") is JsonValue dd && dd.GetValueKind() == JsonValueKind.True),
            Raw = config,
        };
    }

    internal static JsonNode? Find(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
