using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Burly.ToolPacks;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Burly.Policy.PolicyYamlReader;
using static Burly.Policy.PolicySettingsReader;
using static Burly.Policy.PolicyToolMapper;
using static Burly.Policy.PolicyLoader;

namespace Burly.Policy;

/// <summary>Reads the policy texts: the policy file (or the embedded default) then the directory's packs in name order.</summary>
internal static class PolicySourceReader
{
    /// <summary>Reads the embedded default policy text.</summary>
    /// <returns>The YAML text.</returns>
    internal static string ReadDefaultPolicyText()
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream("Burly.Policy.default-policy.yaml")
            ?? throw new InvalidOperationException("The embedded default policy is missing from Burly.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

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

    internal static void ReadFile(string path, List<PolicySource> sources, List<PolicyProblem> problems)
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
}
