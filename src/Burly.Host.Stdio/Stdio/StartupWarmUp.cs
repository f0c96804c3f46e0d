using System.Text.Json;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Burly.Host.Stdio.Stdio;

/// <summary>
/// Start-up on two or more cores: what the policy load needs first — YamlDotNet's parser and JsonSchema.Net's 2020-12
/// meta-schema registry, built on first use, when a policy file is configured — is initialised on a thread-pool thread while the main thread validates
/// the configuration and builds the host, instead of after them (measured: the policy phase 350–470 → 145–200 ms).
/// </summary>
internal static class StartupWarmUp
{
    private static readonly string[] PolicyVariables = ["POLICY_FILE", "POLICY_DIR", "Burly__Policy__File", "Burly__Policy__Directory"];

    public static void Start()
    {
        if (Environment.ProcessorCount < 2)
        {
            return;
        }

        _ = Task.Run(static () =>
        {
            try
            {
                new YamlStream().Load(new StringReader("tools:\n  warm_up: { description: \"x\", args_schema: { type: object } }\n"));
                if (!PolicyFileConfigured())
                {
                    return; // the built-in default policy's schemas are not meta-validated at start (PolicyToolMapper.CheckSchema)
                }

                using var doc = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string","maxLength":1}},"required":["name"]}""");
                _ = MetaSchemas.Draft202012.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
                _ = JsonSchema.Build(doc.RootElement);
            }
            catch (Exception)
            {
                // Only a warm-up: the real load reports any problem.
            }
        });
    }

    /// <summary>Whether the environment names policy files (a configuration file may too: then the warm-up is only missing).</summary>
    private static bool PolicyFileConfigured() =>
        PolicyVariables.Any(name => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)));
}
