using System.Text.Json;
using Burly.Core.Tests.TestSupport;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Burly.Core.Tests.Hosting;

/// <summary>Confirmation over real MCP: an SDK client with and without elicitation, and the 2026-07-28 MRTR round trip.</summary>
public sealed class McpConfirmationTests
{
    private static readonly Dictionary<string, object?> Target = new() { ["target"] = "web" };

    private static ElicitResult Accept(ElicitRequestParams? _) => new() { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } };

    [Test]
    public async Task CallTool_ClientAcceptsElicitation_RunsAndAuditsElicitation()
    {
        string? question = null;
        await using var mcp = await InProcessMcp.StartAsync(Policies.Standard, InProcessMcp.WithElicitation(r =>
        {
            question = r?.Message;
            return Accept(r);
        }));

        var result = await mcp.Client.CallToolAsync("mutate", Target);

        Assert.That(result.IsError, Is.Not.True);
        Assert.That(mcp.Pack.MutateCalls, Is.EqualTo(1));
        Assert.That(question, Does.Contain("target=web"));
        Assert.That(mcp.ReadAudit().Last()["security_context"]!["confirmation_method"]!.GetValue<string>(), Is.EqualTo("elicitation"));
    }

    [Test]
    public async Task CallTool_ClientDeclinesElicitation_ReturnsDeclinedAndDoesNotRun()
    {
        await using var mcp = await InProcessMcp.StartAsync(Policies.Standard, InProcessMcp.WithElicitation(_ => new ElicitResult { Action = "decline" }));

        var result = await mcp.Client.CallToolAsync("mutate", Target);

        Assert.That(result.IsError, Is.True);
        Assert.That(result.StructuredContent!.Value.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("CONFIRMATION_DECLINED"));
        Assert.That(mcp.Pack.MutateCalls, Is.Zero);
    }

    [Test]
    public async Task CallTool_AcceptWithoutConfirmTrue_CountsAsDecline()
    {
        await using var mcp = await InProcessMcp.StartAsync(Policies.Standard, InProcessMcp.WithElicitation(_ => new ElicitResult
        {
            Action = "accept",
            Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(false) },
        }));

        var result = await mcp.Client.CallToolAsync("mutate", Target);

        Assert.That(result.StructuredContent!.Value.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("CONFIRMATION_DECLINED"));
    }

    [Test]
    public async Task CallTool_ClientWithoutElicitation_NeedsConfirmArgumentThenRuns()
    {
        await using var mcp = await InProcessMcp.StartAsync(Policies.Standard);

        var first = await mcp.Client.CallToolAsync("mutate", Target);
        var second = await mcp.Client.CallToolAsync("mutate", new Dictionary<string, object?> { ["target"] = "web", ["_confirm"] = true });

        Assert.That(first.StructuredContent!.Value.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("CONFIRMATION_REQUIRED"));
        Assert.That(first.StructuredContent!.Value.GetProperty("need_confirm").GetBoolean(), Is.True);
        Assert.That(second.IsError, Is.Not.True);
        Assert.That(mcp.Pack.MutateCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task CallTool_Protocol20260728_ConfirmsThroughMrtrRoundTrip()
    {
        var asked = 0;
        await using var mcp = await InProcessMcp.StartAsync(Policies.Standard, InProcessMcp.WithElicitation(r =>
        {
            asked++;
            return Accept(r);
        }, protocolVersion: "2026-07-28"));

        var result = await mcp.Client.CallToolAsync("mutate", Target);

        Assert.That(result.IsError, Is.Not.True, result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text);
        Assert.That(asked, Is.EqualTo(1));
        Assert.That(mcp.Pack.MutateCalls, Is.EqualTo(1));
        var results = mcp.ReadAudit().Where(r => r["event_type"]!.GetValue<string>() == "tool_call").Select(r => r["result"]!.GetValue<string>());
        // Audited once: the client never saw CONFIRMATION_REQUIRED, so no need_confirm record (issue 13 item 3).
        Assert.That(results, Is.EqualTo(new[] { "success" }));
    }

    [Test]
    public async Task CallTool_UnknownTool_IsInvalidParamsAndAudited()
    {
        await using var mcp = await InProcessMcp.StartAsync(Policies.Standard);

        var ex = await Assert.ThrowsAsync<McpProtocolException>(async () => await mcp.Client.CallToolAsync("nope", new Dictionary<string, object?>()));

        Assert.That(ex!.ErrorCode, Is.EqualTo(McpErrorCode.InvalidParams));
        Assert.That(mcp.ReadAudit().Single(r => r["event_type"]!.GetValue<string>() == "tool_call")["error_code"]!.GetValue<string>(), Is.EqualTo("UNKNOWN_TOOL"));
    }

    [Test]
    public async Task PolicySwap_SendsToolsListChangedAndChangesTheList()
    {
        await using var mcp = await InProcessMcp.StartAsync(Policies.Standard, new McpClientOptions { ProtocolVersion = "2025-11-25" });
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = mcp.Client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            changed.TrySetResult();
            return ValueTask.CompletedTask;
        });

        mcp.SwapPolicy("tools:\n  echo:\n    description: only echo now\n");
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var tools = await mcp.Client.ListToolsAsync();

        Assert.That(tools.Select(t => t.Name), Is.EqualTo(new[] { "echo" }));
    }

    [Test]
    public async Task PolicySwap_NoToolChange_SendsNoToolsListChanged()
    {
        await using var mcp = await InProcessMcp.StartAsync(Policies.Standard, new McpClientOptions { ProtocolVersion = "2025-11-25" });
        var count = 0;
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = mcp.Client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            Interlocked.Increment(ref count);
            changed.TrySetResult();
            return ValueTask.CompletedTask;
        });

        mcp.SwapPolicy(Policies.Standard + "\n# a comment only: same tools\n");
        mcp.SwapPolicy("tools:\n  echo:\n    description: only echo now\n");
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await mcp.Client.ListToolsAsync(); // A round trip: a notification sent for the first swap would have arrived by now.

        Assert.That(Volatile.Read(ref count), Is.EqualTo(1));
    }
}
