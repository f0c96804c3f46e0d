using Burly.Pipeline;
using Burly.Pipeline.Steps;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Burly.Core.Tests.Pipeline.Steps;

public sealed class NotificationStepTests
{
    [Test]
    public void Notify_AnObserverThrows_TheOthersAreStillTold()
    {
        var failing = Substitute.For<IToolCallObserver>();
        failing.When(o => o.OnToolCallCompleted(Arg.Any<ToolCallOutcome>(), Arg.Any<CallerContext>())).Do(_ => throw new InvalidOperationException("observer down"));
        var working = Substitute.For<IToolCallObserver>();
        var call = StepTestData.Call(StepTestData.Tool());
        var outcome = new ToolCallOutcome { Status = ToolCallStatus.Success, RequestId = call.RequestId, ToolName = "echo", Summary = "ok" };

        Assert.DoesNotThrow(() => new NotificationStep([failing, working], NullLogger.Instance).Notify(call, outcome));

        working.Received(1).OnToolCallCompleted(outcome, StepTestData.Caller);
    }
}
