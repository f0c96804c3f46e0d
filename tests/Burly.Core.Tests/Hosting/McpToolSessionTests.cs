// The logging feature is deprecated from protocol 2026-07-28 (SEP-2577); 2025-11-25 clients still use it.
#pragma warning disable MCP9005
using System.Collections.Concurrent;
using Burly.Core.Tests.TestSupport;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Burly.Core.Tests.Hosting;

/// <summary>A tool's progress and log messages reach an MCP client: progress only with a token, logs by the client's level.</summary>
public sealed class McpToolSessionTests
{
    private const string Policy = "tools:\n  progress:\n    description: p\n";

    [Test]
    public async Task CallTool_WithProgressToken_SendsEveryStepInOrder()
    {
        await using var mcp = await InProcessMcp.StartAsync(Policy);
        var seen = new SyncProgress();

        var result = await mcp.Client.CallToolAsync("progress", progress: seen);

        Assert.That(result.IsError, Is.Not.True);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (seen.Values.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.That(seen.Values.Select(v => v.Message), Is.EqualTo(new[] { "step 1", "step 2", "step 3" }));
        Assert.That(seen.Values.Last().Total, Is.EqualTo(3));
    }

    [Test]
    public async Task CallTool_WithoutProgressToken_SendsNoProgress()
    {
        await using var mcp = await InProcessMcp.StartAsync(Policy);
        var count = 0;
        await using var _ = mcp.Client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (_, _) =>
        {
            Interlocked.Increment(ref count);
            return ValueTask.CompletedTask;
        });

        await mcp.Client.CallToolAsync("progress");
        await mcp.Client.PingAsync();

        Assert.That(count, Is.Zero);
    }

    [TestCase(LoggingLevel.Info, 1)]
    [TestCase(LoggingLevel.Error, 0)]
    public async Task CallTool_LogMessage_RespectsClientLevel(LoggingLevel level, int expected)
    {
        await using var mcp = await InProcessMcp.StartAsync(Policy);
        var messages = new ConcurrentQueue<string>();
        await using var _ = mcp.Client.RegisterNotificationHandler(NotificationMethods.LoggingMessageNotification, (n, _) =>
        {
            messages.Enqueue(n.Params?.ToString() ?? string.Empty);
            return ValueTask.CompletedTask;
        });
        await mcp.Client.SetLoggingLevelAsync(level);

        await mcp.Client.CallToolAsync("progress");
        await mcp.Client.PingAsync();
        await Task.Delay(100);

        Assert.That(messages.Count(m => m.Contains("progress tool says hello", StringComparison.Ordinal)), Is.EqualTo(expected));
    }

    private sealed class SyncProgress : IProgress<ProgressNotificationValue>
    {
        public ConcurrentQueue<ProgressNotificationValue> Values { get; } = new();

        public void Report(ProgressNotificationValue value) => Values.Enqueue(value);
    }
}
