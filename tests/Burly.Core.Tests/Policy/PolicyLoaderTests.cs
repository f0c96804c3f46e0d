using Burly.Core.Tests.TestSupport;
using Burly.Policy;
using Burly.ToolPacks;

namespace Burly.Core.Tests.Policy;

public sealed class PolicyLoaderTests
{
    private static readonly PolicyLoader Loader = new(new Catalog(new TestToolPack()));

    private static string Data(string path) => Path.Combine(AppContext.BaseDirectory, "Policy", "TestData", path);

    private static IReadOnlyList<PolicyProblem> Problems(string yaml, string name = "tools.yaml")
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Loader.Load([new PolicySource(name, yaml)]));
        return ex!.Problems;
    }

    [Test]
    public void Load_OutputSchemaNotAnObjectSchema_IsAProblem()
    {
        var problems = Problems("tools:\n  echo:\n    description: e\n    output_schema: {type: string}\n");

        Assert.That(problems.Select(p => p.Message), Has.Some.Contains("'output_schema' must have 'type: object'"));
    }

    [Test]
    public void Load_ClientRequestsUnknownValue_IsAProblemNamingAllowedValues()
    {
        var problems = Problems("tools:\n  echo:\n    description: e\n    client_requests: [elicitation, roots]\n");

        Assert.That(problems.Select(p => p.Message), Has.Some.Contains("'client_requests' has '\"roots\"'").And.Some.Contains("elicitation, sampling"));
    }

    [Test]
    public void Load_ClientRequests_AreOnThePolicy()
    {
        var policy = Loader.Load([new PolicySource("t.yaml", "tools:\n  echo:\n    description: e\n    client_requests: [sampling]\n")]);

        Assert.That(policy.Tools["echo"].ClientRequests, Is.EquivalentTo(new[] { ClientRequestKinds.Sampling }));
    }

    [Test]
    public void Load_OutputSchema_OverridesPackDefault()
    {
        var policy = Loader.Load([new PolicySource("t.yaml", "tools:\n  echo:\n    description: e\n    output_schema: {type: object, required: [message]}\n")]);

        Assert.That(policy.Tools["echo"].OutputSchema?.GetProperty("required")[0].GetString(), Is.EqualTo("message"));
    }

    [Test]
    public void Load_FileThenDirectory_LaterDefinitionReplacesEarlierWhole()
    {
        var policy = Loader.Load(Data("merge/tools.yaml"), Data("merge/tools.d"));

        var echo = policy.Tools["echo"];
        Assert.That(echo.Description, Is.EqualTo("from 020"));
        Assert.That(echo.TimeoutSec, Is.EqualTo(30), "whole replacement: 020 has no timeout_sec, so 010's 11 must not survive");
        Assert.That(echo.Notify, Is.Empty);
    }

    [Test]
    public void Load_Directory_MergesYamlAndYmlSortedByNameAndIgnoresOtherFiles()
    {
        var policy = Loader.Load(Data("merge/tools.yaml"), Data("merge/tools.d"));

        Assert.That(policy.Sources.Select(Path.GetFileName), Is.EqualTo(new[] { "tools.yaml", "010-first.yaml", "020-override.yml" }));
    }

    [Test]
    public void Load_MutatingAlias_SetsMutatesAndRequiresConfirmByDefault()
    {
        var policy = Loader.Load(Data("merge/tools.yaml"), Data("merge/tools.d"));

        Assert.That(policy.Tools["slow"].Mutates, Is.True);
        Assert.That(policy.Tools["slow"].RequiresConfirm, Is.True);
    }

    [Test]
    public void Load_EnabledFalse_RemovesTool()
    {
        var policy = Loader.Load([new PolicySource("a.yaml", "tools:\n  echo:\n    description: e\n  big:\n    enabled: false\n")]);

        Assert.That(policy.Tools.Keys, Is.EqualTo(new[] { "echo" }));
        Assert.That(policy.DisabledTools, Is.EqualTo(new[] { "big" }));
    }

    [Test]
    public void Load_ReadOnlySwitch_RemovesMutatingTools()
    {
        var policy = Loader.Load([new PolicySource("a.yaml", "read_only: true\ntools:\n  echo: {}\n  mutate: {}\n")]);

        Assert.That(policy.Tools.Keys, Is.EqualTo(new[] { "echo" }));
    }

    [Test]
    public void Load_DefaultPolicy_ExposesOnlyToolsARegisteredPackImplements()
    {
        var loader = new PolicyLoader(new Catalog(new Burly.Tools.System.SystemToolPack()));

        var policy = loader.Load(null, null);

        Assert.That(policy.Tools.Keys, Is.EqualTo(new[] { "disk_space" }));
        Assert.That(policy.Tools["disk_space"].TimeoutSec, Is.EqualTo(15));
    }

    [Test]
    public void Load_PlainScalarsInSchema_AreTypedNotStrings()
    {
        var policy = Loader.Load([new PolicySource("a.yaml", "tools:\n  echo:\n    args_schema:\n      type: object\n      properties:\n        m: { type: string, minLength: 1, default: '5' }\n")]);

        var m = policy.Tools["echo"].ArgsSchema.GetProperty("properties").GetProperty("m");
        Assert.That(m.GetProperty("minLength").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Number));
        Assert.That(m.GetProperty("default").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.String));
    }

    [Test]
    public void Load_ToolWithoutImplementation_ReportsFileLineAndTool()
    {
        var problem = Problems("tools:\n  echo: {}\n  rm_rf:\n    description: nope\n").Single();

        Assert.That(problem.ToString(), Does.StartWith("tools.yaml:3: tool 'rm_rf': No registered tool pack implements this tool"));
    }

    [TestCase("0")]
    [TestCase("301")]
    [TestCase("ten")]
    public void Load_TimeoutOutsideOneTo300_IsReported(string value)
    {
        var problem = Problems($"tools:\n  echo:\n    timeout_sec: {value}\n").Single();

        Assert.That(problem.Message, Does.Contain("'timeout_sec' must be a whole number of seconds from 1 to 300"));
        Assert.That(problem.Tool, Is.EqualTo("echo"));
    }

    [Test]
    public void Load_UnknownNotifyValue_IsReported()
    {
        var problem = Problems("tools:\n  echo:\n    notify: [success, sometimes]\n").Single();

        Assert.That(problem.Message, Is.EqualTo("Invalid notify value 'sometimes'. Allowed: success, failure, need_confirm."));
    }

    [Test]
    public void Load_SchemaWithoutObjectType_IsReported()
    {
        var problem = Problems("tools:\n  echo:\n    args_schema: { type: string }\n").Single();

        Assert.That(problem.Message, Does.Contain("must have 'type: object'"));
    }

    [Test]
    public void Load_SchemaThatIsNotValid2020_12_IsReported()
    {
        var problem = Problems("tools:\n  echo:\n    args_schema:\n      type: object\n      properties:\n        m: { type: string, minLength: -1 }\n").Single();

        Assert.That(problem.Message, Does.StartWith("'args_schema' is not a valid JSON Schema 2020-12"));
    }

    [Test]
    public void Load_InvalidConfirmationMethod_IsReported()
    {
        var problem = Problems("tools:\n  mutate:\n    confirmation: [telepathy]\n").Single();

        Assert.That(problem.Message, Does.Contain("Invalid confirmation method 'telepathy'"));
    }

    [Test]
    public void Load_MutatingPackToolDeclaredReadOnly_IsReported()
    {
        var problem = Problems("tools:\n  mutate:\n    mutates: false\n").Single();

        Assert.That(problem.Message, Does.Contain("cannot declare it 'mutates: false'"));
    }

    [Test]
    public void Load_YamlSyntaxError_ReportsItsLine()
    {
        var problem = Problems("tools:\n  echo:\n    description: [unclosed\n").Single();

        Assert.That(problem.Line, Is.EqualTo(4).Or.EqualTo(3));
        Assert.That(problem.Message, Does.StartWith("Invalid YAML"));
    }

    [Test]
    public void Load_ToolsNeitherMappingNorList_IsReported()
    {
        var problem = Problems("tools: 5\n").Single();

        Assert.That(problem.Message, Does.Contain("'tools' must be a mapping"));
    }

    [Test]
    public void Load_ListEntryWithoutName_IsReported()
    {
        var problem = Problems("tools:\n  - description: x\n").Single();

        Assert.That(problem.Message, Does.Contain("has no 'name'"));
    }

    [Test]
    public void Load_SeveralProblems_ReportsAllAtOnce()
    {
        var problems = Problems("tools:\n  echo:\n    timeout_sec: 0\n  mutate:\n    notify: [x]\n  ghost: {}\n");

        Assert.That(problems.Select(p => p.Tool), Is.EquivalentTo(new[] { "echo", "mutate", "ghost" }));
    }

    [Test]
    public void Load_MissingFile_ReportsIt()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Loader.Load("/nonexistent/tools.yaml", null));

        Assert.That(ex!.Problems.Single().Message, Does.Contain("does not exist"));
    }

    [Test]
    public void Load_BadConfigValue_IsReported()
    {
        var problem = Problems("config:\n  default_timeout_sec: 900\ntools:\n  echo: {}\n").Single();

        Assert.That(problem.Message, Is.EqualTo("config.default_timeout_sec must be a whole number between 1 and 300."));
    }

    private sealed class Catalog(IToolPack pack) : IToolCatalog
    {
        public IReadOnlyDictionary<string, ToolDefinition> Tools { get; } = pack.GetTools().ToDictionary(t => t.Name);
    }
}
