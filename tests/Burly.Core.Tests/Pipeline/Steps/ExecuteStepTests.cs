using System.Text.Json.Nodes;
using Burly.Pipeline;
using Burly.ToolPacks;

namespace Burly.Core.Tests.Pipeline.Steps;

public sealed class ExecuteStepTests
{
    [Test]
    public async Task ExecuteAsync_ToolIgnoresItsTimeout_AnswersTimeout()
    {
        var hang = StepTestData.Implementation("echo", async (_, _) =>
        {
            await Task.Delay(Timeout.Infinite, CancellationToken.None); // ignores its token on purpose
            return ToolResult.Ok("never");
        });

        var result = await StepTestData.Execute().ExecuteAsync(StepTestData.Call(StepTestData.Tool(timeoutSec: 1)), hang, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(result.Status, Is.EqualTo(ToolCallStatus.Timeout));
        Assert.That(result.Error!.Code, Is.EqualTo(BurlyErrorCodes.Timeout));
    }

    [Test]
    public async Task ExecuteAsync_HandlerThrows_FailsWithoutTheExceptionText()
    {
        var boom = StepTestData.Implementation("echo", (_, _) => throw new InvalidOperationException("/secret/host/path"));

        var result = await StepTestData.Execute().ExecuteAsync(StepTestData.Call(StepTestData.Tool()), boom, CancellationToken.None);

        Assert.That(result.Error!.Code, Is.EqualTo(BurlyErrorCodes.ToolFailed));
        Assert.That(result.Error.Message, Does.Not.Contain("/secret").And.Contain("req-1"));
    }

    [Test]
    public async Task ExecuteAsync_OutputOverThePolicyLimit_IsTruncated()
    {
        var big = StepTestData.Implementation("echo", (_, _) => ValueTask.FromResult(ToolResult.Ok("big", new JsonObject { ["text"] = new string('x', 4096) })));

        var result = await StepTestData.Execute().ExecuteAsync(StepTestData.Call(StepTestData.Tool(maxOutputBytes: 1024)), big, CancellationToken.None);

        Assert.That(result.Truncated, Is.True);
        Assert.That(result.OutputSize, Is.LessThanOrEqualTo(1024));
        Assert.That(result.Summary, Does.Contain("output truncated"));
    }
}
