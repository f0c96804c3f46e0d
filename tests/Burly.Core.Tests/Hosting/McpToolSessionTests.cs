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

    // 2025-11-25: the protocol the conformance suite and today's clients speak (2026-07-28 drops logging/setLevel and ping).
    private static McpClientOptions Classic => new() { ProtocolVersion = "2025-11-25" };

    [Test]
    public async Task CallTool_WithProgressToken_SendsEveryStepInOrder()
    {
        await using var mcp = await InProcessMcp.StartAsync(Policy, Classic);
        var raw = new ConcurrentQueue<string>();
        await using var _ = mcp.Client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (n, _) =>
        {
            raw.Enqueue(n.Params?.ToJsonString() ?? string.Empty);
            return ValueTask.CompletedTask;
        });

        // The client may dispatch notifications concurrently, so their arrival order is not asserted.
        var result = await mcp.Client.CallToolAsync("progress", progress: new SyncProgress());
        await mcp.Client.PingAsync();

        Assert.That(result.IsError, Is.Not.True);
        Assert.That(raw.Select(r => System.Text.Json.Nodes.JsonNode.Parse(r)?["message"]?.GetValue<string>()), Is.EquivalentTo(new[] { "step 1", "step 2", "step 3" }), string.Join("\n", raw));
        Assert.That(raw.Select(r => System.Text.Json.Nodes.JsonNode.Parse(r)?["total"]?.GetValue<double>()), Is.All.EqualTo(3));
    }

    [Test]
    public async Task CallTool_WithoutProgressToken_SendsNoProgress()
    {
        await using var mcp = await InProcessMcp.StartAsync(Policy, Classic);
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
        await using var mcp = await InProcessMcp.StartAsync(Policy, Classic);
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
