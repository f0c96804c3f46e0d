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
using static Burly.Policy.PolicySettingsReader;
using static Burly.Policy.PolicyToolMapper;
using static Burly.Policy.PolicyLoader;

namespace Burly.Policy;

/// <summary>Parses policy YAML into raw tool entries and merges the top-level settings (later sources win).</summary>
internal static class PolicyYamlReader
{
    internal static readonly string[] KnownToolKeys =
        ["name", "description", "args_schema", "mutates", "mutating", "requires_confirm", "timeout_sec", "notify", "max_output_bytes", "allow", "confirmation", "enabled", "command", "type", "output_schema", "client_requests"];

    internal static void ParseSource(
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

    internal static void AddEntry(PolicySource source, string name, YamlNode node, int line, Dictionary<string, RawTool> entries, List<PolicyProblem> problems)
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

    internal static void MergeConfig(JsonObject target, JsonObject source, string file, int line, Dictionary<string, (string, int)> lines)
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

    internal static bool? ReadBool(YamlNode node, string file, string key, List<PolicyProblem> problems)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" or "True" or "False" } s)
        {
            return s.Value!.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        problems.Add(new PolicyProblem(file, (int)node.Start.Line, null, $"'{key}' must be true or false."));
        return null;
    }
}

/// <summary>One tool entry as read from a policy source, before validation.</summary>
internal sealed record RawTool(JsonObject Body, string File, int Line, bool BuiltIn);
