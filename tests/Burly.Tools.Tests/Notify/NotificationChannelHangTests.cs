using System.Diagnostics;
using Burly.Core.Tests.Notifications;
using Burly.Notifications;
using Burly.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Burly.Tools.Tests.Notify;

/// <summary>
/// A third-party <see cref="INotificationChannel"/> (the public extension point) that never answers. The seam is the
/// channel itself: what is tested is that Burly's queue, dispatcher and shutdown stay bounded around it.
/// The substitutes are named <c>console</c> because the options rules accept only console/gotify/webhook in
/// NOTIFICATION_PROVIDERS (a custom channel's own name is refused at start-up; reported to the lead).
/// </summary>
[TestFixture]
public sealed class NotificationChannelHangTests
{
    private static INotificationChannel HungChannel(string name, TaskCompletionSource? entered = null)
    {
        var channel = Substitute.For<INotificationChannel>();
        channel.Name.Returns(name);
        channel.SendAsync(Arg.Any<Notification>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            entered?.TrySetResult();
            return HangAsync(call.Arg<CancellationToken>());
        });
        return channel;
    }

    private static async Task<long?> HangAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return null;
    }

    [Test]
    public async Task ToolCall_ChannelHangs_CallSucceedsAndShutdownDrainIsBounded()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = HungChannel("console", entered);
        var host = await NotificationTestHost.StartAsync(o => o.Notifications.Providers = ["console"], more: b => b.Services.AddSingleton(channel));
        try
        {
            var first = await host.CallAsync("echo_test").WaitAsync(TimeSpan.FromSeconds(30));
            await entered.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the dispatcher is inside the hung channel
            var second = await host.CallAsync("echo_test").WaitAsync(TimeSpan.FromSeconds(30));

            Assert.That(first.Status, Is.EqualTo(ToolCallStatus.Success));
            Assert.That(second.Status, Is.EqualTo(ToolCallStatus.Success));
        }
        finally
        {
            var stopwatch = Stopwatch.StartNew();
            await host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60)); // stop = cancel the hung send, drain ≤ 5 s
            Assert.That(stopwatch.Elapsed, Is.LessThan(NotificationDispatchService.DrainTimeout + TimeSpan.FromSeconds(20)));
        }

        Assert.That(host.Count("console", "failed"), Is.GreaterThanOrEqualTo(1), "the cancelled send is counted as failed");
    }

    [Test]
    public async Task TestAsync_OneChannelHangs_OthersReportedAndHungOneCancelled()
    {
        var channel = HungChannel("console");   // next to the real console channel, which answers
        await using var host = await NotificationTestHost.StartAsync(o => o.Notifications.Providers = ["console"], startDispatcher: false,
            more: b => b.Services.AddSingleton(channel));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var results = await host.Manager.TestAsync("t", "m", cancellationToken: cts.Token).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(results, Has.Count.EqualTo(2));
        Assert.That(results.Count(r => r.Success), Is.EqualTo(1), "the answering channel is reported as sent");
        Assert.That(results.Single(r => !r.Success).Error, Is.EqualTo("Cancelled."));
    }

    [Test]
    public async Task TestAsync_ChannelThrows_ReportedWithoutItsMessage()
    {
        var broken = Substitute.For<INotificationChannel>();
        broken.Name.Returns("console");
        broken.SendAsync(Arg.Any<Notification>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<long?>(new InvalidOperationException("token=s3cr3t at /home/ops/channel.cs")));
        await using var host = await NotificationTestHost.StartAsync(o => o.Notifications.Providers = ["console"], startDispatcher: false,
            more: b => b.Services.AddSingleton(broken));

        var result = (await host.Manager.TestAsync("t", "m")).Single(r => !r.Success);

        Assert.That(result.Success, Is.False);
        Assert.That(result.Error, Does.Not.Contain("s3cr3t").And.Not.Contain("/home/ops"));
        Assert.That(host.Count("console", "failed"), Is.EqualTo(1));
    }
}
