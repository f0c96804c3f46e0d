using Burly.Core.Tests.TestSupport;
using Burly.Policy;
using Burly.Prompts;
using Burly.Resources;
using Burly.ToolPacks;

namespace Burly.Core.Tests.Policy;

/// <summary>The policy's resources: and prompts: sections.</summary>
public sealed class PolicyLoaderReadsTests
{
    private static readonly PolicyLoader Loader = new(new Catalog(new TestToolPack()));

    /// <summary>A loader that knows the registered resources (a, b) and prompt (p).</summary>
    private static readonly PolicyLoader CheckingLoader = new(new Catalog(new TestToolPack()), new ReadCatalog([new Reads()], [new Reads()]));

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

    [TestCase("resources:\n  a: {}\n  audit_recnt: { allow: [ops] }\n", "resource", "audit_recnt", "Registered resources: a, b.")]
    [TestCase("prompts:\n  p: {}\n  triage: {}\n", "prompt", "triage", "Registered prompts: p.")]
    public void Load_UnregisteredReadName_ProblemNamesFileLineAndRegisteredNames(string section, string kind, string name, string registered)
    {
        var ex = Assert.Throws<PolicyValidationException>(() => CheckingLoader.Load([new PolicySource("t.yaml", "tools:\n  echo: {}\n" + section)]));

        var problem = ex!.Problems.Single();
        Assert.That((problem.File, problem.Line, problem.Tool), Is.EqualTo(("t.yaml", 5, name)));
        Assert.That(problem.Message, Does.Contain($"No registered pack provides the {kind} '{name}'").And.Contain(registered).And.Contain("enabled: false"));
    }

    [Test]
    public void Load_UnregisteredReadNameDisabled_Accepted()
    {
        var policy = CheckingLoader.Load([new PolicySource("t.yaml", "tools:\n  echo: {}\nresources:\n  gone: { enabled: false }\nprompts:\n  gone: { enabled: false }\n")]);

        Assert.That((policy.Resources.Count, policy.Prompts.Count), Is.EqualTo((0, 0)));
    }

    [Test]
    public void Load_UnregisteredReadNameInBuiltInDefault_Ignored()
    {
        // The embedded default names every built-in resource and prompt; a host without the Docker pack must still start.
        var policy = CheckingLoader.Load([new PolicySource(PolicyLoader.BuiltInSource, "tools:\n  echo: {}\nresources:\n  docker_container_logs: {}\nprompts:\n  triage_unhealthy_container: {}\n", BuiltIn: true)]);

        Assert.That(policy.Resources.Keys, Is.EquivalentTo(new[] { "docker_container_logs" }));
    }

    [Test]
    public void Load_RegisteredReadNames_Accepted()
    {
        var policy = CheckingLoader.Load([new PolicySource("t.yaml", "tools:\n  echo: {}\nresources:\n  a: {}\n  b: {}\nprompts:\n  p: {}\n")]);

        Assert.That((policy.Resources.Count, policy.Prompts.Count), Is.EqualTo((2, 1)));
    }

    private sealed class Reads : IResourcePack, IPromptPack
    {
        public IEnumerable<ResourceDefinition> GetResources() =>
            new[] { "a", "b" }.Select(n => new ResourceDefinition { Name = n, Uri = "test://" + n, Read = (_, _) => throw new NotSupportedException() });

        public IEnumerable<PromptDefinition> GetPrompts() =>
            [new PromptDefinition { Name = "p", Description = "A prompt.", Get = (_, _) => throw new NotSupportedException() }];
    }

    private sealed class Catalog(IToolPack pack) : IToolCatalog
    {
        public IReadOnlyDictionary<string, ToolDefinition> Tools { get; } = pack.GetTools().ToDictionary(t => t.Name);
    }
}
