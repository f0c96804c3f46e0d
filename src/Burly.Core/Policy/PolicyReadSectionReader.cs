using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Burly.Policy;

/// <summary>Reads the <c>resources:</c> and <c>prompts:</c> policy sections (which resources and prompts of the registered packs are exposed).</summary>
internal static partial class PolicyReadSectionReader
{
    private static readonly HashSet<string> KnownReadKeys = ["enabled", "allow", "max_bytes", "description"];

    /// <summary>Reads both sections of every source.</summary>
    /// <param name="sources">The policy sources, in merge order.</param>
    /// <param name="problems">Receives every problem.</param>
    /// <param name="registered">
    /// The resource and prompt names the registered packs provide; an enabled entry naming anything else is a problem
    /// (except in the built-in default policy, which names every built-in one whether or not its pack is registered).
    /// <see langword="null"/>: names are not checked.
    /// </param>
    internal static (IReadOnlyDictionary<string, ReadPolicy> Resources, IReadOnlyDictionary<string, ReadPolicy> Prompts) LoadReadSections(
        IReadOnlyList<PolicySource> sources, List<PolicyProblem> problems, (IReadOnlyCollection<string> Resources, IReadOnlyCollection<string> Prompts)? registered = null)
    {
        var resources = new Dictionary<string, ReadPolicy>(StringComparer.Ordinal);
        var prompts = new Dictionary<string, ReadPolicy>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            YamlMappingNode? root;
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(source.Text));
                root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
            }
            catch (YamlException)
            {
                continue; // Reported by the main parse.
            }

            if (root is null)
            {
                continue;
            }

            foreach (var (keyNode, valueNode) in root.Children)
            {
                var section = ((YamlScalarNode)keyNode).Value;
                if (section is "resources" or "prompts")
                {
                    var known = registered is { } r ? (section == "resources" ? r.Resources : r.Prompts) : null;
                    ReadSection(source, section, valueNode, section == "resources" ? resources : prompts, problems, known);
                }
            }
        }

        return (resources, prompts);
    }

    private static void ReadSection(PolicySource source, string section, YamlNode node, Dictionary<string, ReadPolicy> target, List<PolicyProblem> problems, IReadOnlyCollection<string>? known)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return;
        }

        if (node is not YamlMappingNode map)
        {
            problems.Add(new PolicyProblem(source.Name, (int)node.Start.Line, null, $"'{section}' must be a mapping (name: {{…}})."));
            return;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var line = (int)keyNode.Start.Line;
            void Problem(string message) => problems.Add(new PolicyProblem(source.Name, line, name, message));
            if (!ReadNameRegex().IsMatch(name))
            {
                Problem($"Names under '{section}' may only contain letters, digits, '_' and '-' (1-64 characters).");
                continue;
            }

            var entry = valueNode switch
            {
                YamlMappingNode m => m,
                YamlScalarNode { Value: null or "" } => new YamlMappingNode(),
                _ => null,
            };
            if (entry is null)
            {
                Problem($"An entry under '{section}' must be a mapping, e.g. '{name}: {{ allow: [\"apikey:ops\"] }}' or '{name}: {{}}'.");
                continue;
            }

            bool enabled = true;
            IReadOnlyList<string>? allow = null;
            int maxBytes = ReadPolicy.DefaultMaxBytes;
            var ok = true;
            foreach (var (k, v) in entry.Children)
            {
                var key = ((YamlScalarNode)k).Value;
                switch (key)
                {
                    case "enabled":
                        enabled = PolicyYamlReader.ReadBool(v, source.Name, $"{section}.{name}.enabled", problems) ?? (ok = false);
                        break;
                    case "allow" when v is YamlSequenceNode seq && seq.Children.All(c => c is YamlScalarNode { Value.Length: > 0 }):
                        allow = seq.Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
                        break;
                    case "allow":
                        Problem("'allow' must be a list of caller ids or globs, e.g. [\"apikey:ops-*\"].");
                        ok = false;
                        break;
                    case "max_bytes" when v is YamlScalarNode s && int.TryParse(s.Value, out var n) && n is >= 1 and <= ReadPolicy.MaxMaxBytes:
                        maxBytes = n;
                        break;
                    case "max_bytes":
                        Problem($"'max_bytes' must be an integer from 1 to {ReadPolicy.MaxMaxBytes}.");
                        ok = false;
                        break;
                    default:
                        if (!KnownReadKeys.Contains(key ?? string.Empty))
                        {
                            Problem($"Unknown key '{key}' under '{section}'. Allowed: {string.Join(", ", KnownReadKeys.Order(StringComparer.Ordinal))}.");
                            ok = false;
                        }

                        break;
                }
            }

            if (ok && enabled && known is not null && !known.Contains(name) && !source.BuiltIn)
            {
                // As for tools: a typo must not silently expose nothing. The built-in default names every built-in
                // resource and prompt; a host that registers fewer packs just doesn't offer the rest.
                var kind = section == "resources" ? "resource" : "prompt";
                var names = known.Count > 0 ? string.Join(", ", known.Order(StringComparer.Ordinal)) : "(none)";
                Problem($"No registered pack provides the {kind} '{name}'. Registered {section}: {names}. Fix the name, register the pack, or set 'enabled: false'.");
                continue;
            }

            // Last wins, whole-entry replacement, as for tools.
            target.Remove(name);
            if (ok && enabled)
            {
                target[name] = new ReadPolicy { Name = name, Allow = allow, MaxBytes = maxBytes };
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ReadNameRegex();
}
