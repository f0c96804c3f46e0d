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
using static Burly.Policy.PolicyToolMapper;

namespace Burly.Policy;

/// <summary>
/// Loads the policy: a YAML file (or the embedded default) then the <c>*.yaml</c>/<c>*.yml</c> files of a
/// directory sorted by name; a later definition of a tool replaces an earlier one whole. Every problem is
/// collected with file, line and tool, and reported at once.
/// </summary>
internal sealed class PolicyLoader
{
    /// <summary>The name shown for the embedded default policy.</summary>
    public const string BuiltInSource = "(built-in default policy)";

    /// <summary>The largest policy file accepted, in bytes.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    private readonly IToolCatalog _catalog;
    private readonly Lazy<(IReadOnlyCollection<string> Resources, IReadOnlyCollection<string> Prompts)>? _registeredReads;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="catalog">The implemented tools (a policy entry without an implementation is an error).</param>
    /// <param name="reads">The registered resources and prompts (an enabled policy entry naming another is an error); <see langword="null"/>: not checked.</param>
    public PolicyLoader(IToolCatalog catalog, Burly.Resources.ReadCatalog? reads = null)
        : this(catalog, reads is null ? null : () => reads)
    {
    }

    /// <summary>Initializes a new instance that builds the read catalog on the first load.</summary>
    /// <param name="catalog">The implemented tools (a policy entry without an implementation is an error).</param>
    /// <param name="reads">
    /// Gets the registered resources and prompts; called on the first load, not here: read packs may depend on
    /// <see cref="IPolicyProvider"/>, whose store depends on this loader, so building them now would be a cycle.
    /// </param>
    public PolicyLoader(IToolCatalog catalog, Func<Burly.Resources.ReadCatalog>? reads)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        if (reads is not null)
        {
            _registeredReads = new(() =>
            {
                var catalogOfReads = reads();
                return (catalogOfReads.Resources.Select(r => r.Definition.Name).ToHashSet(StringComparer.Ordinal), catalogOfReads.Prompts.Keys.ToHashSet(StringComparer.Ordinal));
            });
        }
    }

    /// <summary>Loads and validates the policy.</summary>
    /// <param name="file">The policy file, or <see langword="null"/> for the embedded default.</param>
    /// <param name="directory">The directory of packs, or <see langword="null"/>.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="PolicyValidationException">The policy has problems; all are listed.</exception>
    public PolicyDocument Load(string? file, string? directory) => Load(ReadSources(file, directory));

    /// <summary>Reads the embedded default policy text.</summary>
    public static string ReadDefaultPolicyText() => PolicySourceReader.ReadDefaultPolicyText();

    /// <summary>Reads the policy texts without validating them (<see cref="PolicySourceReader"/>).</summary>
    internal static IReadOnlyList<PolicySource> ReadSources(string? file, string? directory) => PolicySourceReader.ReadSources(file, directory);

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
        var (resources, prompts) = PolicyReadSectionReader.LoadReadSections(sources, problems, _registeredReads?.Value);
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

}
