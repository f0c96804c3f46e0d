using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Burly.ToolPacks;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Burly.Policy;

/// <summary>
/// Loads the policy: a YAML file (or the embedded default) then the <c>*.yaml</c>/<c>*.yml</c> files of a
/// directory sorted by name; a later definition of a tool replaces an earlier one whole. Every problem is
/// collected with file, line and tool, and reported at once.
/// </summary>
public sealed partial class PolicyLoader
{
    /// <summary>The name shown for the embedded default policy.</summary>
    public const string BuiltInSource = "(built-in default policy)";

    /// <summary>The largest policy file accepted, in bytes.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    private static readonly string[] KnownToolKeys =
        ["name", "description", "args_schema", "mutates", "mutating", "requires_confirm", "timeout_sec", "notify", "max_output_bytes", "allow", "confirmation", "enabled", "command", "type", "output_schema", "client_requests"];

    private static readonly string[] NotifyValues = ["success", "failure", "need_confirm"];

    private readonly IToolCatalog _catalog;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="catalog">The implemented tools (a policy entry without an implementation is an error).</param>
    public PolicyLoader(IToolCatalog catalog)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
    }

    /// <summary>Reads the embedded default policy text.</summary>
    /// <returns>The YAML text.</returns>
    public static string ReadDefaultPolicyText()
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream("Burly.Policy.default-policy.yaml")
            ?? throw new InvalidOperationException("The embedded default policy is missing from Burly.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Loads and validates the policy.</summary>
    /// <param name="file">The policy file, or <see langword="null"/> for the embedded default.</param>
    /// <param name="directory">The directory of packs, or <see langword="null"/>.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="PolicyValidationException">The policy has problems; all are listed.</exception>
    public PolicyDocument Load(string? file, string? directory) => Load(ReadSources(file, directory));

    /// <summary>Reads the policy texts (file, then the directory's packs in name order) without validating them.</summary>
    /// <param name="file">The policy file, or <see langword="null"/> for the embedded default.</param>
    /// <param name="directory">The directory of packs, or <see langword="null"/>.</param>
    /// <returns>The sources in merge order.</returns>
    /// <exception cref="PolicyValidationException">A file cannot be read; all problems are listed.</exception>
    internal static IReadOnlyList<PolicySource> ReadSources(string? file, string? directory)
    {
        var sources = new List<PolicySource>();
        var problems = new List<PolicyProblem>();
        if (string.IsNullOrWhiteSpace(file))
        {
            sources.Add(new PolicySource(BuiltInSource, ReadDefaultPolicyText(), BuiltIn: true));
        }
        else
        {
            ReadFile(file, sources, problems);
        }

        if (!string.IsNullOrWhiteSpace(directory))
        {
            if (!Directory.Exists(directory))
            {
                problems.Add(new PolicyProblem(directory, 0, null, "The policy directory does not exist. Create it or unset POLICY_DIR."));
            }
            else
            {
                var files = Directory.EnumerateFiles(directory)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var f in files)
                {
                    ReadFile(f, sources, problems);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new PolicyValidationException(problems);
        }

        return sources;
    }

    /// <summary>Loads and validates a policy from texts (merge order = list order).</summary>
    /// <param name="sources">The sources.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="PolicyValidationException">The policy has problems; all are listed.</exception>
    public PolicyDocument Load(IReadOnlyList<PolicySource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var problems = new List<PolicyProblem>();
        var entries = new Dictionary<string, RawTool>(StringComparer.Ordinal);
        var config = new JsonObject();
        var configLine = new Dictionary<string, (string File, int Line)>();
        bool? readOnly = null, disableDestructive = null;

        foreach (var source in sources)
        {
            ParseSource(source, entries, config, configLine, problems, ref readOnly, ref disableDestructive);
        }

        var settings = BuildSettings(config, configLine, problems, readOnly, disableDestructive);
        var (resources, prompts) = LoadReadSections(sources, problems);
        var tools = new Dictionary<string, ToolPolicy>(StringComparer.Ordinal);
        var disabled = new List<string>();
        foreach (var (name, raw) in entries)
        {
            if (raw.Body["enabled"] is JsonValue enabledValue)
            {
                if (enabledValue.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add(new PolicyProblem(raw.File, raw.Line, name, "'enabled' must be true or false."));
                    continue;
                }

                if (!enabledValue.GetValue<bool>())
                {
                    disabled.Add(name);
                    continue;
                }
            }

            ToolDefinition? implementation;
            try
            {
                implementation = _catalog.Resolve(name, raw.Body);
            }
            catch (ToolException ex)
            {
                problems.Add(new PolicyProblem(raw.File, raw.Line, name, ex.Message));
                continue;
            }

            if (implementation is null)
            {
                // The embedded default describes every built-in tool; a host that registers fewer packs just doesn't expose the rest.
                if (!raw.BuiltIn)
                {
                    problems.Add(new PolicyProblem(raw.File, raw.Line, name,
                        $"No registered tool pack implements this tool. Implemented tools: {string.Join(", ", _catalog.Tools.Keys.Order(StringComparer.Ordinal))}. Fix the name, register the pack, or set 'enabled: false'."));
                }

                continue;
            }

            var tool = BuildTool(name, raw, implementation, settings, problems);
            if (tool is null)
            {
                continue;
            }

            if ((settings.ReadOnly || settings.DisableDestructive) && tool.Mutates)
            {
                disabled.Add(name);
                continue;
            }

            tools[name] = tool;
        }

        if (problems.Count > 0)
        {
            throw new PolicyValidationException(problems);
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\0", sources.Select(s => s.Name + "\0" + s.Text)))));
        return new PolicyDocument
        {
            Tools = tools,
            Settings = settings,
            Sources = sources.Select(s => s.Name).ToList(),
            DisabledTools = disabled,
            Resources = resources,
            Prompts = prompts,
            Fingerprint = fingerprint,
        };
    }

    private static void ReadFile(string path, List<PolicySource> sources, List<PolicyProblem> problems)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problems.Add(new PolicyProblem(path, 0, null, "The policy file does not exist. Fix POLICY_FILE or unset it to use the built-in default."));
                return;
            }

            if (info.Length > MaxFileBytes)
            {
                problems.Add(new PolicyProblem(path, 0, null, $"The policy file is {info.Length} bytes; the limit is {MaxFileBytes}. Split it into tools.d packs."));
                return;
            }

            sources.Add(new PolicySource(path, File.ReadAllText(path, Encoding.UTF8), BuiltIn: false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new PolicyProblem(path, 0, null, $"The policy file cannot be read ({ex.GetType().Name}). Check its permissions."));
        }
    }

    private static void ParseSource(
        PolicySource source,
        Dictionary<string, RawTool> entries,
        JsonObject config,
        Dictionary<string, (string File, int Line)> configLine,
        List<PolicyProblem> problems,
        ref bool? readOnly,
        ref bool? disableDestructive)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(source.Text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                problems.Add(new PolicyProblem(source.Name, 1, null, "The policy file is empty. Add a 'tools:' section."));
                return;
            }

            if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                problems.Add(new PolicyProblem(source.Name, (int)stream.Documents[0].RootNode.Start.Line, null, "The policy must be a YAML mapping with a 'tools:' section."));
                return;
            }

            root = mapping;
        }
        catch (YamlException ex)
        {
            problems.Add(new PolicyProblem(source.Name, (int)ex.Start.Line, null, $"Invalid YAML: {FirstLine(ex.Message)}"));
            return;
        }

        YamlNode? toolsNode = null;
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value;
            switch (key)
            {
                case "tools":
                    toolsNode = valueNode;
                    break;
                case "config":
                    if (valueNode is not YamlMappingNode)
                    {
                        problems.Add(new PolicyProblem(source.Name, (int)valueNode.Start.Line, null, "'config' must be a mapping."));
                        break;
                    }

                    try
                    {
                        if (YamlToJson.Convert(valueNode) is JsonObject section)
                        {
                            MergeConfig(config, section, source.Name, (int)valueNode.Start.Line, configLine);
                        }
                    }
                    catch (YamlException ex)
                    {
                        problems.Add(new PolicyProblem(source.Name, (int)ex.Start.Line, null, FirstLine(ex.Message)));
                    }

                    break;
                case "read_only":
                    readOnly = ReadBool(valueNode, source.Name, "read_only", problems) ?? readOnly;
                    break;
                case "disable_destructive":
                    disableDestructive = ReadBool(valueNode, source.Name, "disable_destructive", problems) ?? disableDestructive;
                    break;
                case "version" or "metadata" or "description" or "resources" or "prompts":
                    break;
                default:
                    problems.Add(new PolicyProblem(source.Name, (int)keyNode.Start.Line, null, $"Unknown top-level key '{key}'. Allowed: tools, resources, prompts, config, read_only, disable_destructive, version, metadata, description."));
                    break;
            }
        }

        switch (toolsNode)
        {
            case null:
                if (!root.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value is "config" or "resources" or "prompts"))
                {
                    problems.Add(new PolicyProblem(source.Name, (int)root.Start.Line, null, "Missing 'tools:' section."));
                }

                break;
            case YamlScalarNode { Value: null or "" }:
                break;
            case YamlMappingNode map:
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    AddEntry(source, ((YamlScalarNode)keyNode).Value!, valueNode, (int)keyNode.Start.Line, entries, problems);
                }

                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    if (item is not YamlMappingNode itemMap)
                    {
                        problems.Add(new PolicyProblem(source.Name, (int)item.Start.Line, null, "A tool entry in the 'tools' list must be a mapping with a 'name'."));
                        continue;
                    }

                    var nameNode = itemMap.Children.FirstOrDefault(kv => ((YamlScalarNode)kv.Key).Value == "name").Value as YamlScalarNode;
                    if (string.IsNullOrWhiteSpace(nameNode?.Value))
                    {
                        problems.Add(new PolicyProblem(source.Name, (int)item.Start.Line, null, "A tool entry in the 'tools' list has no 'name'."));
                        continue;
                    }

                    AddEntry(source, nameNode.Value!, item, (int)item.Start.Line, entries, problems);
                }

                break;
            default:
                problems.Add(new PolicyProblem(source.Name, (int)toolsNode.Start.Line, null, "'tools' must be a mapping (name: {…}) or a list of entries with 'name'."));
                break;
        }
    }

    private static void AddEntry(PolicySource source, string name, YamlNode node, int line, Dictionary<string, RawTool> entries, List<PolicyProblem> problems)
    {
        if (!ToolNameRegex().IsMatch(name))
        {
            problems.Add(new PolicyProblem(source.Name, line, name, "Tool names may only contain letters, digits, '_' and '-' (1-64 characters)."));
            return;
        }

        if (node is not YamlMappingNode)
        {
            problems.Add(new PolicyProblem(source.Name, line, name, "A tool definition must be a mapping."));
            return;
        }

        try
        {
            var body = (JsonObject)YamlToJson.Convert(node)!;
            body.Remove("name");

            // Last wins, whole-definition replacement (no deep merge), as in the Python version.
            entries.Remove(name);
            entries[name] = new RawTool(body, source.Name, line, source.BuiltIn);
        }
        catch (YamlException ex)
        {
            problems.Add(new PolicyProblem(source.Name, (int)ex.Start.Line, name, FirstLine(ex.Message)));
        }
    }

    private static void MergeConfig(JsonObject target, JsonObject source, string file, int line, Dictionary<string, (string, int)> lines)
    {
        foreach (var (key, value) in source.ToList())
        {
            lines[key] = (file, line);
            if (value is JsonObject childSource && target[key] is JsonObject childTarget)
            {
                MergeConfig(childTarget, childSource, file, line, lines);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static bool? ReadBool(YamlNode node, string file, string key, List<PolicyProblem> problems)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" or "True" or "False" } s)
        {
            return s.Value!.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        problems.Add(new PolicyProblem(file, (int)node.Start.Line, null, $"'{key}' must be true or false."));
        return null;
    }

    private static PolicySettings BuildSettings(JsonObject config, Dictionary<string, (string File, int Line)> lines, List<PolicyProblem> problems, bool? readOnly, bool? disableDestructive)
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

    private static JsonNode? Find(JsonObject root, string path)
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

    private static ToolPolicy? BuildTool(string name, RawTool raw, ToolDefinition implementation, PolicySettings settings, List<PolicyProblem> problems)
    {
        var before = problems.Count;
        var body = raw.Body;

        void Problem(string message) => problems.Add(new PolicyProblem(raw.File, raw.Line, name, message));

        string description = implementation.Description;
        if (body["description"] is { } d)
        {
            if (d is JsonValue dv && dv.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(dv.GetValue<string>()))
            {
                description = dv.GetValue<string>().Trim();
            }
            else
            {
                Problem("'description' must be a non-empty string.");
            }
        }

        var schema = implementation.DefaultSchema;
        if (body.TryGetPropertyValue("args_schema", out var schemaNode))
        {
            if (CheckSchema(schemaNode, Problem) is { } s)
            {
                schema = s;
            }
        }

        var outputSchema = implementation.OutputSchema;
        if (body.TryGetPropertyValue("output_schema", out var outputNode) && CheckSchema(outputNode, Problem, "output_schema") is { } o)
        {
            outputSchema = o;
        }

        bool? Bool(string key)
        {
            if (!body.TryGetPropertyValue(key, out var n))
            {
                return null;
            }

            if (n is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                return v.GetValue<bool>();
            }

            Problem($"'{key}' must be true or false.");
            return null;
        }

        // 'mutating' is the Python version's alias of 'mutates'.
        var mutates = Bool("mutates") ?? Bool("mutating") ?? implementation.Mutates;
        if (implementation.Mutates && !mutates)
        {
            Problem("The tool changes the system; the policy cannot declare it 'mutates: false'. Remove the key or set it to true.");
        }

        mutates = mutates || implementation.Mutates;
        var requiresConfirm = Bool("requires_confirm") ?? mutates;

        var timeout = settings.DefaultTimeoutSec;
        if (body.TryGetPropertyValue("timeout_sec", out var t))
        {
            if (t is JsonValue tv && tv.GetValueKind() == JsonValueKind.Number && tv.TryGetValue<long>(out var seconds) && seconds is >= 1 and <= 300)
            {
                timeout = (int)seconds;
            }
            else
            {
                Problem($"'timeout_sec' must be a whole number of seconds from 1 to 300 (got {t?.ToJsonString() ?? "null"}).");
            }
        }

        var notify = new HashSet<string>(StringComparer.Ordinal);
        if (body.TryGetPropertyValue("notify", out var n))
        {
            if (n is JsonArray arr)
            {
                foreach (var item in arr)
                {
                    var value = item is JsonValue iv && iv.GetValueKind() == JsonValueKind.String ? iv.GetValue<string>() : item?.ToJsonString();
                    if (value is not null && NotifyValues.Contains(value))
                    {
                        notify.Add(value);
                    }
                    else
                    {
                        Problem($"Invalid notify value '{value}'. Allowed: success, failure, need_confirm.");
                    }
                }
            }
            else if (n is not null)
            {
                Problem("'notify' must be a list of success, failure and/or need_confirm.");
            }
        }

        int? maxOutput = null;
        if (body.TryGetPropertyValue("max_output_bytes", out var mo))
        {
            if (mo is JsonValue mv && mv.GetValueKind() == JsonValueKind.Number && mv.TryGetValue<long>(out var bytes) && bytes is >= 256 and <= 64 * 1024 * 1024)
            {
                maxOutput = (int)bytes;
            }
            else
            {
                Problem("'max_output_bytes' must be a whole number from 256 to 67108864.");
            }
        }

        var clientRequests = ClientRequestsPolicy.Parse(body, Problem);
        List<string>? allow = null;
        if (body.TryGetPropertyValue("allow", out var a))
        {
            if (a is JsonArray aa && aa.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetValue<string>())))
            {
                allow = aa.Select(i => i!.GetValue<string>()).ToList();
            }
            else
            {
                Problem("'allow' must be a list of caller names (API key names or user ids; globs allowed).");
            }
        }

        var confirmation = new List<ConfirmationMethod>();
        if (body.TryGetPropertyValue("confirmation", out var c))
        {
            if (c is JsonArray ca && ca.Count > 0)
            {
                foreach (var item in ca)
                {
                    var value = item is JsonValue iv && iv.GetValueKind() == JsonValueKind.String ? iv.GetValue<string>() : item?.ToJsonString();
                    if (Enum.TryParse<ConfirmationMethod>(value, ignoreCase: true, out var m) && value!.All(char.IsLetter))
                    {
                        confirmation.Add(m);
                    }
                    else
                    {
                        Problem($"Invalid confirmation method '{value}'. Allowed: elicitation, approval, argument.");
                    }
                }
            }
            else
            {
                Problem("'confirmation' must be a non-empty list of elicitation, approval and/or argument.");
            }
        }
        else
        {
            confirmation.AddRange([ConfirmationMethod.Elicitation, ConfirmationMethod.Approval, ConfirmationMethod.Argument]);
        }

        var extra = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (!KnownToolKeys.Contains(key))
            {
                extra[key] = value?.DeepClone();
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        return new ToolPolicy
        {
            Name = name,
            Description = description,
            ArgsSchema = schema,
            Mutates = mutates,
            RequiresConfirm = requiresConfirm,
            TimeoutSec = timeout,
            Notify = notify,
            MaxOutputBytes = maxOutput,
            Allow = allow,
            ClientRequests = clientRequests,
            Confirmation = confirmation.Distinct().ToList(),
            Settings = extra,
            OutputSchema = outputSchema,
            Implementation = implementation,
            SourceFile = raw.File,
            Line = raw.Line,
        };
    }

    private static JsonElement? CheckSchema(JsonNode? node, Action<string> problem, string key = "args_schema")
    {
        if (node is not JsonObject obj)
        {
            problem($"'{key}' must be a JSON Schema object (a mapping).");
            return null;
        }

        if (obj["type"] is not JsonValue tv || tv.GetValueKind() != JsonValueKind.String || tv.GetValue<string>() != "object")
        {
            problem($"'{key}' must have 'type: object' (MCP tools take and return an object of named values).");
            return null;
        }

        if (obj["$schema"] is JsonValue sv && sv.GetValueKind() == JsonValueKind.String && sv.GetValue<string>() != MetaSchemas.Draft202012Id.ToString())
        {
            problem($"'{key}.$schema' must be {MetaSchemas.Draft202012Id} (JSON Schema 2020-12) or absent.");
            return null;
        }

        var element = JsonSerializer.SerializeToElement(obj);
        var meta = MetaSchemas.Draft202012.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!meta.IsValid)
        {
            var errors = (meta.Details ?? []).Where(x => x.Errors is { Count: > 0 })
                .SelectMany(x => x.Errors!.Select(e => $"{(x.InstanceLocation.ToString() is { Length: > 0 } p ? p : "/")}: {e.Value}"))
                .Distinct()
                .ToList();
            problem($"'{key}' is not a valid JSON Schema 2020-12: " + (errors.Count > 0 ? string.Join("; ", errors) : "it does not match the meta-schema") + ".");
            return null;
        }

        try
        {
            _ = JsonSchema.Build(element);
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException or RefResolutionException)
        {
            problem($"'{key}' cannot be used: {FirstLine(ex.Message)}.");
            return null;
        }

        return element;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim().TrimEnd('.');

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ToolNameRegex();

    private sealed record RawTool(JsonObject Body, string File, int Line, bool BuiltIn);
}
