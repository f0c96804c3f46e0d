using Burly.Configuration;
using Burly.Pipeline;
using Burly.Pipeline.Steps;

namespace Burly.Core.Tests.Pipeline.Steps;

public sealed class SchemaStepTests
{
    private readonly SchemaStep _step = new(new LimitsOptions(), TimeProvider.System);

    [Test]
    public void Check_ArgumentsBreakSchema_RefusesWithEveryViolation()
    {
        var refusal = _step.Check(StepTestData.Call(StepTestData.Tool(), """{"message":"far too long","extra":1}"""), wellFormed: true);

        Assert.That(refusal?.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
        Assert.That(refusal!.Error!.Details!["violations"]!.AsArray(), Has.Count.EqualTo(2));
    }

    [Test]
    public void Check_NotWellFormedUnicode_Refused()
    {
        var refusal = _step.Check(StepTestData.Call(StepTestData.Tool()), wellFormed: false);

        Assert.That(refusal?.Error?.Message, Does.Contain("not valid Unicode"));
    }

    [Test]
    public void Check_ValidArguments_GoesOn()
    {
        Assert.That(_step.Check(StepTestData.Call(StepTestData.Tool(), """{"message":"hi"}"""), wellFormed: true), Is.Null);
    }

    [Test]
    public void Check_ArgumentsOverByteLimit_Refused()
    {
        var step = new SchemaStep(new LimitsOptions { MaxArgumentBytes = 64 }, TimeProvider.System);

        var refusal = step.Check(StepTestData.Call(StepTestData.Tool(schema: """{"type":"object"}"""), """{"message":"0123456789012345678901234567890123456789012345678901234567890123456789"}"""), wellFormed: true);

        Assert.That(refusal?.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
    }
}
