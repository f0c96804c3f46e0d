using Burly.Configuration;
using Burly.Metrics;
using Burly.Pipeline;
using Burly.Pipeline.Steps;
using Burly.ToolPacks;

namespace Burly.Core.Tests.Pipeline.Steps;

public sealed class BoundsStepTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Test]
    public async Task RunAsync_IdenticalReadOnlyCallsInFlight_ShareOneRun()
    {
        using var bounds = new BoundsStep(new LimitsOptions(), new BurlyMetrics());
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        var implementation = StepTestData.Implementation("echo", async (_, _) =>
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            return ToolResult.Ok("done");
        });
        var tool = StepTestData.Tool();

        var first = bounds.RunAsync(StepTestData.Call(tool), implementation, StepTestData.Execute(), CancellationToken.None);
        var second = bounds.RunAsync(StepTestData.Call(tool), implementation, StepTestData.Execute(), CancellationToken.None);
        release.SetResult();
        var results = await Task.WhenAll(first, second).WaitAsync(Wait);

        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(ToolCallStatus.Success));
        Assert.That(runs, Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_IdenticalMutatingCalls_RunEach()
    {
        using var bounds = new BoundsStep(new LimitsOptions(), new BurlyMetrics());
        var runs = 0;
        var implementation = StepTestData.Implementation("mutate", (_, _) =>
        {
            Interlocked.Increment(ref runs);
            return ValueTask.FromResult(ToolResult.Ok("done"));
        });
        var tool = StepTestData.Tool("mutate", mutates: true);

        await bounds.RunAsync(StepTestData.Call(tool), implementation, StepTestData.Execute(), CancellationToken.None).WaitAsync(Wait);
        await bounds.RunAsync(StepTestData.Call(tool), implementation, StepTestData.Execute(), CancellationToken.None).WaitAsync(Wait);

        Assert.That(runs, Is.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_AllSlotsBusy_AnswersBusyAfterTheAdmissionTimeout()
    {
        using var bounds = new BoundsStep(new LimitsOptions { MaxConcurrentTools = 1, AdmissionTimeoutMs = 50 }, new BurlyMetrics());
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = StepTestData.Implementation("mutate", async (_, _) =>
        {
            await release.Task;
            return ToolResult.Ok("done");
        });
        var tool = StepTestData.Tool("mutate", mutates: true);
        var holding = bounds.RunAsync(StepTestData.Call(tool), slow, StepTestData.Execute(), CancellationToken.None);
        while (bounds.InFlight == 0)
        {
            await Task.Delay(5);
        }

        var busy = await bounds.RunAsync(StepTestData.Call(tool), slow, StepTestData.Execute(), CancellationToken.None).WaitAsync(Wait);
        release.SetResult();
        await holding.WaitAsync(Wait);

        Assert.That(busy.Error?.Code, Is.EqualTo(BurlyErrorCodes.Busy));
        Assert.That(bounds.InFlight, Is.Zero);
    }
}
