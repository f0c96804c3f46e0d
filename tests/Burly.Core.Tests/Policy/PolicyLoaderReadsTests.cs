using Burly.Core.Tests.TestSupport;
using Burly.Policy;
using Burly.ToolPacks;

namespace Burly.Core.Tests.Policy;

/// <summary>The policy's resources: and prompts: sections.</summary>
public sealed class PolicyLoaderReadsTests
{
    private static readonly PolicyLoader Loader = new(new Catalog(new TestToolPack()));

    [Test]
    public void Load_ResourcesAndPrompts_ListedEnabledEntriesWithLimits()
    {
        var policy = Loader.Load([new PolicySource("t.yaml",
            "tools:\n  echo: {}\nresources:\n  a: {}\n  b: { allow: [ops], max_bytes: 100 }\n  c: { enabled: false }\nprompts:\n  p: {}\n")]);

        Assert.That(policy.Resources.Keys, Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(policy.Resources["a"].MaxBytes, Is.EqualTo(ReadPolicy.DefaultMaxBytes));
        Assert.That(policy.Resources["b"].MaxBytes, Is.EqualTo(100));
        Assert.That(policy.Resources["b"].Allow, Is.EqualTo(new[] { "ops" }));
        Assert.That(policy.Prompts.Keys, Is.EqualTo(new[] { "p" }));
    }

    [Test]
    public void Load_LaterSourceDisablesEntry_EntryGone()
    {
        var policy = Loader.Load([new PolicySource("a.yaml", "tools:\n  echo: {}\nprompts:\n  p: {}\n"), new PolicySource("b.yaml", "prompts:\n  p: { enabled: false }\n")]);

        Assert.That(policy.Prompts, Is.Empty);
    }

    [TestCase("resources:\n  a: { max_bytes: 0 }\n", "'max_bytes' must be an integer from 1 to")]
    [TestCase("resources:\n  a: { maxbytes: 10 }\n", "Unknown key 'maxbytes' under 'resources'")]
    [TestCase("prompts:\n  p: { allow: ops }\n", "'allow' must be a list")]
    [TestCase("prompts: [p]\n", "'prompts' must be a mapping")]
    [TestCase("resources:\n  'a b': {}\n", "may only contain letters")]
    public void Load_BadReadEntry_IsAProblem(string section, string message)
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Loader.Load([new PolicySource("t.yaml", "tools:\n  echo: {}\n" + section)]));

        Assert.That(ex!.Problems.Select(p => p.Message), Has.Some.Contains(message));
    }

    private sealed class Catalog(IToolPack pack) : IToolCatalog
    {
        public IReadOnlyDictionary<string, ToolDefinition> Tools { get; } = pack.GetTools().ToDictionary(t => t.Name);
    }
}
