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
using static Burly.Policy.PolicySettingsReader;
using static Burly.Policy.PolicyLoader;

namespace Burly.Policy;

/// <summary>Maps one raw policy entry and its implementation to a validated <see cref="ToolPolicy"/> (keys, schemas, limits, confirmation).</summary>
internal static partial class PolicyToolMapper
{
    internal static readonly string[] NotifyValues = ["success", "failure", "need_confirm"];

    internal static ToolPolicy? BuildTool(string name, RawTool raw, ToolDefinition implementation, PolicySettings settings, List<PolicyProblem> problems)
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
            if (CheckSchema(schemaNode, Problem, trusted: raw.BuiltIn) is { } s)
            {
                schema = s;
            }
        }

        var outputSchema = implementation.OutputSchema;
        if (body.TryGetPropertyValue("output_schema", out var outputNode) && CheckSchema(outputNode, Problem, "output_schema", trusted: raw.BuiltIn) is { } o)
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

    /// <summary>Checks a policy schema: an object schema, JSON Schema 2020-12 (meta-validated) and buildable.</summary>
    /// <param name="node">The schema from the policy.</param>
    /// <param name="problem">Receives each problem.</param>
    /// <param name="key">The policy key, for messages.</param>
    /// <param name="trusted">
    /// The schema is the embedded default policy's: fixed at build time and meta-validated by the tests
    /// (DefaultPolicySchemasTests), so start-up skips the meta-validation and the trial build (docs/performance.md, "Stdio cold start").
    /// </param>
    internal static JsonElement? CheckSchema(JsonNode? node, Action<string> problem, string key = "args_schema", bool trusted = false)
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
        if (trusted)
        {
            return element;
        }

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

    internal static string FirstLine(string text) => text.Split('\n')[0].Trim().TrimEnd('.');

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    internal static partial Regex ToolNameRegex();
}
