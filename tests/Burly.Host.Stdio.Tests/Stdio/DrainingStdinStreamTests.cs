using System.Diagnostics;
using System.Text.Json.Nodes;
using Burly.Host.Stdio.Stdio;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Stdio.Tests.Stdio;

/// <summary>The stdin wrapper that holds EOF back until requests are answered.</summary>
public sealed class DrainingStdinStreamTests
{
    [TestCase("7", 7)]
    [TestCase("\"abc\"", null)]
    public async Task ReadAsync_EofAfterCancelledRequest_ReturnsPromptly(string idJson, int? number)
    {
        using var stream = new DrainingStdinStream(new MemoryStream([]), TimeSpan.FromSeconds(10), TimeProvider.System);
        stream.OnIncoming(new JsonRpcRequest { Id = number is { } n ? new RequestId(n) : new RequestId("abc"), Method = RequestMethods.ToolsCall });
        stream.OnIncoming(new JsonRpcNotification { Method = NotificationMethods.CancelledNotification, Params = JsonNode.Parse($$"""{"requestId":{{idJson}}}""") });
        var watch = Stopwatch.StartNew();

        var read = await stream.ReadAsync(new byte[16]);

        Assert.That(read, Is.Zero);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task ReadAsync_EofWithUnansweredRequest_WaitsUntilAnswered()
    {
        using var stream = new DrainingStdinStream(new MemoryStream([]), TimeSpan.FromSeconds(10), TimeProvider.System);
        stream.OnIncoming(new JsonRpcRequest { Id = new RequestId(1), Method = RequestMethods.ToolsCall });
        var watch = Stopwatch.StartNew();
        _ = Task.Delay(500).ContinueWith(_ => stream.OnOutgoing(new JsonRpcResponse { Id = new RequestId(1), Result = null }), TaskScheduler.Default);

        var read = await stream.ReadAsync(new byte[16]);
        Assert.That(read, Is.Zero);

        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450)).And.LessThan(TimeSpan.FromSeconds(5)));
    }
}
