using Burly.Metrics;
using Burly.Pipeline;
using Burly.Pipeline.Steps;
using Burly.Policy;
using Burly.ToolPacks;
using NSubstitute;

namespace Burly.Core.Tests.Pipeline.Steps;

public sealed class PolicyStepTests
{
    private static PolicyStep Step(IToolAuthorizer authorizer, params ToolDefinition[] tools)
    {
        var catalog = Substitute.For<IToolCatalog>();
        catalog.Tools.Returns(tools.ToDictionary(t => t.Name));
        return new PolicyStep(catalog, authorizer, new BurlyMetrics(), TimeProvider.System);
    }

    private static IToolAuthorizer AllowAll()
    {
        var authorizer = Substitute.For<IToolAuthorizer>();
        authorizer.Authorize(Arg.Any<CallerContext>(), Arg.Any<ToolPolicy>()).Returns((string?)null); // NSubstitute's default for string is ""
        return authorizer;
    }

    [Test]
    public void Check_ToolNotImplemented_RefusesAsUnknownTool()
    {
        var call = StepTestData.Call(StepTestData.Tool("ghost"), resolved: false);

        var refusal = Step(AllowAll()).Check(call, out _);

        Assert.That(refusal?.Error?.Code, Is.EqualTo(BurlyErrorCodes.UnknownTool));
        Assert.That(refusal!.Status, Is.EqualTo(ToolCallStatus.Invalid));
        Assert.That(call.Tool, Is.Null);
    }

    [Test]
    public void Check_AuthorizerRefuses_DeniedWithItsReason()
    {
        var authorizer = Substitute.For<IToolAuthorizer>();
        authorizer.Authorize(Arg.Any<CallerContext>(), Arg.Any<ToolPolicy>()).Returns("not for you");
        var call = StepTestData.Call(StepTestData.Tool(), resolved: false);

        var refusal = Step(authorizer, StepTestData.Implementation("echo", (_, _) => ValueTask.FromResult(ToolResult.Ok("ok")))).Check(call, out _);

        Assert.That(refusal?.Error?.Code, Is.EqualTo(BurlyErrorCodes.Forbidden));
        Assert.That(refusal!.Error!.Message, Is.EqualTo("not for you"));
        Assert.That(refusal.Status, Is.EqualTo(ToolCallStatus.Denied));
    }

    [Test]
    public void Check_ImplementedAndAllowed_SetsToolAndImplementation()
    {
        var implementation = StepTestData.Implementation("echo", (_, _) => ValueTask.FromResult(ToolResult.Ok("ok")));
        var call = StepTestData.Call(StepTestData.Tool(), resolved: false);

        var refusal = Step(AllowAll(), implementation).Check(call, out var found);

        Assert.That(refusal, Is.Null);
        Assert.That(found, Is.SameAs(implementation));
        Assert.That(call.Tool!.Name, Is.EqualTo("echo"));
    }
}
