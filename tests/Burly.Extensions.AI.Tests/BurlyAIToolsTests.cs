using System.Text.Json;
using Burly.Confirmation;
using Burly.Pipeline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Burly.Extensions.AI.Tests;

public sealed class BurlyAIToolsTests
{
    private const string Caller = "agent:triage";
    private const string Approver = "local:alice";

    [Test]
    public void GetBurlyAIFunctions_Policy_ExposesPolicyToolsWithSchemaAndApprovalWrapper()
    {
        using var host = AgentTestHost.Create();
        var tools = host.Services.GetBurlyAIFunctions(Caller);

        Assert.That(tools.Select(t => t.Name), Is.EquivalentTo(new[] { "look", "change", "change_strict" }), "admin_only is not allowed for this caller");
        var look = tools.Single(t => t.Name == "look");
        var change = tools.Single(t => t.Name == "change");
        Assert.Multiple(() =>
        {
            Assert.That(look.Description, Is.EqualTo("Look at a target."));
            Assert.That(look.JsonSchema.GetProperty("properties").TryGetProperty("target", out _), Is.True);
            Assert.That(look, Is.Not.InstanceOf<ApprovalRequiredAIFunction>());
            Assert.That(change, Is.InstanceOf<ApprovalRequiredAIFunction>());
            Assert.That(change.AdditionalProperties[BurlyAIProperties.DestructiveHint], Is.EqualTo(true));
            Assert.That(look.AdditionalProperties[BurlyAIProperties.ReadOnlyHint], Is.EqualTo(true));
            Assert.That(tools.Caller.Transport, Is.EqualTo("in-process"));
        });
    }

    [Test]
    public async Task GetResponseAsync_ApprovalRequiredTool_ReturnsApprovalRequestAndNeverRuns()
    {
        using var host = AgentTestHost.Create();
        var tools = host.Services.GetBurlyAIFunctions(Caller);
        using var model = new ScriptedChatClient(_ => ScriptedChatClient.Call("c1", "change", new() { ["target"] = "web" }));
        using var client = new FunctionInvokingChatClient(model);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "restart web")], new ChatOptions { Tools = [.. tools] });

        var request = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(tools.Describe(request).Message, Does.Contain("target=web"));
            Assert.That(host.Pack.Changes, Is.Zero);
            Assert.That(host.ReadAudit(), Is.Empty, "nothing was called yet");
        });
    }

    [Test]
    public async Task GetResponseAsync_Approved_RunsOnceAndAuditsApproverCallerAndTransport()
    {
        using var host = AgentTestHost.Create();
        var tools = host.Services.GetBurlyAIFunctions(Caller);
        var (client, model, history, request) = await AskAsync(host, tools);
        using var _ = client;

        history.Add(new ChatMessage(ChatRole.User, [tools.Approve(request, Approver)]));
        var final = await client.GetResponseAsync(history, new ChatOptions { Tools = [.. tools] });

        var audit = host.ReadAudit().Single();
        var result = ResultSeenByModel(model);
        Assert.Multiple(() =>
        {
            Assert.That(host.Pack.Changes, Is.EqualTo(1));
            Assert.That(final.Text, Is.EqualTo("done"));
            Assert.That(result.GetProperty("ok").GetBoolean(), Is.True);
            Assert.That(result.GetProperty("summary").GetString(), Is.EqualTo("changed"));
            Assert.That((string?)audit["result"], Is.EqualTo("success"));
            Assert.That((string?)audit["transport"], Is.EqualTo("in-process"));
            Assert.That((string?)audit["user_id"], Is.EqualTo(Caller));
            Assert.That((string?)audit["security_context"]!["confirmation_method"], Is.EqualTo("in-process-approval"));
            Assert.That((string?)audit["security_context"]!["approved_by"], Is.EqualTo(Approver));
            Assert.That((bool?)audit["security_context"]!["confirmed"], Is.True);
        });
    }

    [Test]
    public async Task GetResponseAsync_Declined_NeverRunsAndDeclineIsAudited()
    {
        using var host = AgentTestHost.Create();
        var tools = host.Services.GetBurlyAIFunctions(Caller);
        var (client, _, history, request) = await AskAsync(host, tools);
        using var __ = client;

        history.Add(new ChatMessage(ChatRole.User, [await tools.DeclineAsync(request, Approver, "not during business hours")]));
        await client.GetResponseAsync(history, new ChatOptions { Tools = [.. tools] });

        var audit = host.ReadAudit().Single();
        Assert.Multiple(() =>
        {
            Assert.That(host.Pack.Changes, Is.Zero);
            Assert.That((string?)audit["result"], Is.EqualTo("denied"));
            Assert.That((string?)audit["error_code"], Is.EqualTo("CONFIRMATION_DECLINED"));
            Assert.That((string?)audit["error"], Does.Contain("not during business hours"));
            Assert.That((string?)audit["security_context"]!["confirmation_method"], Is.EqualTo("in-process-approval"));
            Assert.That((string?)audit["security_context"]!["approved_by"], Is.EqualTo(Approver));
        });
    }

    [Test]
    public async Task GetResponseAsync_ApprovalExpired_NeverRunsAndExpiryIsAudited()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture));
        using var host = AgentTestHost.Create(time);
        var tools = host.Services.GetBurlyAIFunctions(Caller);
        var (client, model, history, request) = await AskAsync(host, tools);
        using var _ = client;
        tools.Describe(request); // shown to the approver now
        time.Advance(TimeSpan.FromMinutes(11));

        history.Add(new ChatMessage(ChatRole.User, [tools.Approve(request, Approver)]));
        await client.GetResponseAsync(history, new ChatOptions { Tools = [.. tools] });

        var audit = host.ReadAudit().Single();
        Assert.Multiple(() =>
        {
            Assert.That(host.Pack.Changes, Is.Zero);
            Assert.That((string?)audit["result"], Is.EqualTo("denied"));
            Assert.That((string?)audit["error"], Does.Contain("expired"));
            Assert.That((string?)audit["security_context"]!["approved_by"], Is.EqualTo(Approver));
            Assert.That(ResultSeenByModel(model).GetProperty("ok").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task InvokeAsync_ApprovalRequiredToolCalledDirectlyWithoutApproval_NeedsConfirmationAndNeverRuns()
    {
        using var host = AgentTestHost.Create();
        var tools = host.Services.GetBurlyAIFunctions(Caller);
        var inner = tools.Single(t => t.Name == "change"); // an invoker that ignores the approval marker

        var result = (JsonElement)(await inner.InvokeAsync(new AIFunctionArguments { ["target"] = "web" }))!;

        Assert.Multiple(() =>
        {
            Assert.That(host.Pack.Changes, Is.Zero);
            Assert.That(result.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("CONFIRMATION_REQUIRED"));
            Assert.That((string?)host.ReadAudit().Single()["result"], Is.EqualTo("need_confirm"));
        });
    }

    [Test]
    public async Task InvokeAsync_ModelSendsConfirmToStrictTool_DoesNotConfirm()
    {
        using var host = AgentTestHost.Create();
        var tools = host.Services.GetBurlyAIFunctions(Caller);
        var inner = tools.Single(t => t.Name == "change_strict");

        var result = (JsonElement)(await inner.InvokeAsync(new AIFunctionArguments { ["target"] = "web", ["_confirm"] = true }))!;

        Assert.Multiple(() =>
        {
            Assert.That(host.Pack.Changes, Is.Zero);
            Assert.That(result.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("CONFIRMATION_REQUIRED"));
        });
    }

    [Test]
    public async Task GetResponseAsync_InvalidArguments_ReachModelAsErrorResultAndLoopContinues()
    {
        using var host = AgentTestHost.Create();
        var tools = host.Services.GetBurlyAIFunctions(Caller);
        using var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("c1", "look", new() { ["target"] = 42 }),
            _ => ScriptedChatClient.Text("the tool said no"));
        using var client = new FunctionInvokingChatClient(model);

        var final = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "look")], new ChatOptions { Tools = [.. tools] });

        var result = ResultSeenByModel(model);
        Assert.Multiple(() =>
        {
            Assert.That(final.Text, Is.EqualTo("the tool said no"));
            Assert.That(result.GetProperty("ok").GetBoolean(), Is.False);
            Assert.That(result.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("INVALID_ARGUMENTS"));
            Assert.That((string?)host.ReadAudit().Single()["result"], Is.EqualTo("invalid"));
        });
    }

    [Test]
    public async Task GetResponseAsync_ReadOnlyTool_RunsWithoutApprovalAndReturnsSummaryAndData()
    {
        using var host = AgentTestHost.Create();
        var tools = host.Services.GetBurlyAIFunctions(CallerContext.InProcess(Caller, "triage-agent"));
        using var model = new ScriptedChatClient(_ => ScriptedChatClient.Call("c1", "look", new() { ["target"] = "web" }));
        using var client = new FunctionInvokingChatClient(model);

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "look")], new ChatOptions { Tools = [.. tools] });

        var result = ResultSeenByModel(model);
        var audit = host.ReadAudit().Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("data").GetProperty("state").GetString(), Is.EqualTo("running"));
            Assert.That((string?)audit["client"]!["name"], Is.EqualTo("triage-agent"));
            Assert.That((string?)audit["security_context"]!["confirmation_method"], Is.Null);
        });
    }

    [Test]
    public void FromInProcessApproval_NoApprover_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => ConfirmationEvidence.FromInProcessApproval(" ", accepted: true), Throws.ArgumentException);
            Assert.That(() => ConfirmationEvidence.FromOperator(""), Throws.ArgumentException);
        });
    }

    private static async Task<(FunctionInvokingChatClient Client, ScriptedChatClient Model, List<ChatMessage> History, ToolApprovalRequestContent Request)> AskAsync(AgentTestHost host, BurlyAITools tools)
    {
        var model = new ScriptedChatClient(_ => ScriptedChatClient.Call("c1", "change", new() { ["target"] = "web" }), _ => ScriptedChatClient.Text("done"));
        var client = new FunctionInvokingChatClient(model);
        List<ChatMessage> history = [new ChatMessage(ChatRole.User, "restart web")];
        var response = await client.GetResponseAsync(history, new ChatOptions { Tools = [.. tools] });
        history.AddRange(response.Messages);
        var request = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().Single();
        Assert.That(host.Pack.Changes, Is.Zero, "not before the approval");
        return (client, model, history, request);
    }

    private static JsonElement ResultSeenByModel(ScriptedChatClient model)
    {
        var result = model.Received.Last().SelectMany(m => m.Contents).OfType<FunctionResultContent>().Last().Result;
        return result is JsonElement e ? e : JsonSerializer.SerializeToElement(result, AIJsonUtilities.DefaultOptions);
    }
}
