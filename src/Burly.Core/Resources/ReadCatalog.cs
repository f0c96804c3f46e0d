using System.Text;
using System.Text.RegularExpressions;
using Burly.Prompts;

namespace Burly.Resources;

/// <summary>The resources and prompts of every registered pack (built once; a duplicate name or URI fails at start-up).</summary>
internal sealed class ReadCatalog
{
    public ReadCatalog(IEnumerable<IResourcePack> resourcePacks, IEnumerable<IPromptPack> promptPacks)
    {
        var resources = new List<(ResourceDefinition Definition, Regex? Template)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var uris = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in resourcePacks.SelectMany(p => p.GetResources()))
        {
            if (!names.Add(definition.Name) || !uris.Add(definition.Uri))
            {
                throw new InvalidOperationException($"Two resource packs define the resource '{definition.Name}' or the URI '{definition.Uri}'. Each name and URI must be unique.");
            }

            resources.Add((definition, definition.IsTemplate ? CompileTemplate(definition.Uri) : null));
        }

        Resources = resources;
        var prompts = new Dictionary<string, PromptDefinition>(StringComparer.Ordinal);
        foreach (var definition in promptPacks.SelectMany(p => p.GetPrompts()))
        {
            if (!prompts.TryAdd(definition.Name, definition))
            {
                throw new InvalidOperationException($"Two prompt packs define the prompt '{definition.Name}'. Prompt names must be unique.");
            }
        }

        Prompts = prompts;
    }

    public IReadOnlyList<(ResourceDefinition Definition, Regex? Template)> Resources { get; }

    public IReadOnlyDictionary<string, PromptDefinition> Prompts { get; }

    /// <summary>Finds the resource a URI names: a fixed URI first, then the first matching template.</summary>
    public (ResourceDefinition Definition, IReadOnlyDictionary<string, string> Variables)? Match(string uri)
    {
        foreach (var (definition, template) in Resources)
        {
            if (template is null && string.Equals(definition.Uri, uri, StringComparison.Ordinal))
            {
                return (definition, new Dictionary<string, string>());
            }
        }

        foreach (var (definition, template) in Resources)
        {
            if (template?.Match(uri) is { Success: true } match)
            {
                var variables = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var group in template.GetGroupNames().Where(g => !int.TryParse(g, out _)))
                {
                    variables[group] = Uri.UnescapeDataString(match.Groups[group].Value);
                }

                return (definition, variables);
            }
        }

        return null;
    }

    /// <summary>RFC 6570 level 1: each <c>{name}</c> matches one non-empty path segment without <c>/</c>, <c>?</c> or <c>#</c>.</summary>
    internal static Regex CompileTemplate(string template)
    {
        var pattern = new StringBuilder("^");
        var position = 0;
        foreach (Match variable in Regex.Matches(template, @"\{([A-Za-z_][A-Za-z0-9_]*)\}"))
        {
            pattern.Append(Regex.Escape(template[position..variable.Index]));
            pattern.Append("(?<").Append(variable.Groups[1].Value).Append(">[^/?#]+)");
            position = variable.Index + variable.Length;
        }

        pattern.Append(Regex.Escape(template[position..])).Append('$');
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
