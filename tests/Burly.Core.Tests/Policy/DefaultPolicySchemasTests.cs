using System.Text.Json.Nodes;
using Burly.Policy;
using YamlDotNet.RepresentationModel;

namespace Burly.Core.Tests.Policy;

/// <summary>
/// The embedded default policy's schemas are trusted at start-up (no meta-validation on the hot path); this is where
/// they are meta-validated instead, with the same check a policy file gets.
/// </summary>
public sealed class DefaultPolicySchemasTests
{
    [Test]
    public void CheckSchema_EveryBuiltInDefaultPolicySchema_IsValidJsonSchema202012()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(PolicyLoader.ReadDefaultPolicyText()));
        var tools = (JsonObject)YamlToJson.Convert(((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("tools")])!;
        var problems = new List<string>();
        var checkedSchemas = 0;
        foreach (var (name, body) in tools)
        {
            foreach (var key in new[] { "args_schema", "output_schema" })
            {
                if (body is JsonObject entry && entry.TryGetPropertyValue(key, out var schema))
                {
                    checkedSchemas++;
                    PolicyToolMapper.CheckSchema(schema, p => problems.Add($"{name}: {p}"), key);
                }
            }
        }

        Assert.That(checkedSchemas, Is.GreaterThan(0), "the default policy has schemas to check");
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void CheckSchema_TrustedInvalidSchema_SkipsTheMetaValidation()
    {
        var invalid = JsonNode.Parse("""{"type":"object","properties":{"x":{"type":5}}}""");
        var untrusted = new List<string>();
        var trusted = new List<string>();

        PolicyToolMapper.CheckSchema(invalid, untrusted.Add);
        var element = PolicyToolMapper.CheckSchema(invalid, trusted.Add, trusted: true);

        Assert.That(untrusted, Has.Some.Contains("not a valid JSON Schema 2020-12"));
        Assert.That(trusted, Is.Empty);
        Assert.That(element, Is.Not.Null);
    }
}
