using System.Text.Json;
using Burly.Core.Tests.TestSupport;
using Burly.Pipeline;
using Burly.ToolPacks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

#pragma warning disable MCP9005 // sampling is deprecated from protocol 2026-07-28 but still supported

namespace Burly.Core.Tests.Pipeline;

/// <summary>Elicitation and sampling from tools: only when the policy's client_requests allows them, always audited.</summary>
public sealed class PolicyToolSessionTests
{
    private const string AskPolicy = "tools:\n  ask:\n    description: a\n    args_schema: {type: object, properties: {sample: {type: string}}}\n%CLIENT%";

    [Test]
    public async Task Invoke_ElicitationAllowed_PassesAnswerAndAuditsQuestionAndAnswerShape()
    {
        using var burly = TestBurly.Create(AskPolicy.Replace("%CLIENT%", "    client_requests: [elicitation, sampling]\n", StringComparison.Ordinal));
        var client = new AnsweringSession();

        var outcome = await CallAsync(burly, client, """{"sample":"yes"}""");

        Assert.That(outcome.IsSuccess, Is.True, outcome.Error?.Message);
        Assert.That(client.Elicitations, Is.EqualTo(1));
        Assert.That(client.Samplings, Is.EqualTo(1));
        var audit = burly.ReadToolCalls().Single()["client_requests"]!.AsObject();
        Assert.That(audit["elicitation"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(audit["sampling"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(audit["refused"]!.GetValue<int>(), Is.EqualTo(0));
        var entry = audit["elicitations"]![0]!;
        Assert.That(entry["message"]!.GetValue<string>(), Is.EqualTo("Which container?"));
        Assert.That(entry["requested_fields"]!.ToJsonString(), Is.EqualTo("""["name"]"""));
        Assert.That(entry["action"]!.GetValue<string>(), Is.EqualTo("accept"));
        Assert.That(entry["answer_fields"]!.ToJsonString(), Is.EqualTo("""["name"]"""));
        Assert.That(burly.ReadToolCalls().Single().ToJsonString(), Does.Not.Contain("web-1"), "answer values are never audited");
    }

    [Test]
    public async Task Invoke_ElicitationNotAllowedByPolicy_RefusedWithHowToFixAndAudited()
    {
        using var burly = TestBurly.Create(AskPolicy.Replace("%CLIENT%", string.Empty, StringComparison.Ordinal));
        var client = new AnsweringSession();

        var outcome = await CallAsync(burly, client, "{}");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.Forbidden));
        Assert.That(outcome.Error!.Message, Does.Contain("client_requests: [elicitation]"));
        Assert.That(client.Elicitations, Is.EqualTo(0), "the client was never asked");
        var audit = burly.ReadToolCalls().Single()["client_requests"]!.AsObject();
        Assert.That(audit["refused"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(audit["elicitation"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task Invoke_SamplingNotAllowedButElicitationIs_SamplingRefused()
    {
        using var burly = TestBurly.Create(AskPolicy.Replace("%CLIENT%", "    client_requests: [elicitation]\n", StringComparison.Ordinal));
        var client = new AnsweringSession();

        var outcome = await CallAsync(burly, client, """{"sample":"yes"}""");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.Forbidden));
        Assert.That(outcome.Error!.Message, Does.Contain("sampling"));
        Assert.That(client.Samplings, Is.EqualTo(0));
    }

    [Test]
    public async Task Invoke_InProcessCallWithoutClient_ElicitationUnavailable()
    {
        using var burly = TestBurly.Create(AskPolicy.Replace("%CLIENT%", "    client_requests: [elicitation]\n", StringComparison.Ordinal));

        var outcome = await burly.CallAsync("ask");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.DependencyUnavailable));
    }

    private static Task<ToolCallOutcome> CallAsync(TestBurly burly, IToolSession session, string arguments) =>
        burly.Pipeline.InvokeAsync(new ToolCallRequest
        {
            ToolName = "ask",
            Arguments = JsonDocument.Parse(arguments).RootElement.Clone(),
            Caller = CallerContext.Local("cli"),
            Session = session,
        });

    /// <summary>A client that accepts every question with a name and answers every sampling request.</summary>
    private sealed class AnsweringSession : IToolSession
    {
        public int Elicitations { get; private set; }

        public int Samplings { get; private set; }

        public ValueTask ReportProgressAsync(double progress, double? total = null, string? message = null, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask LogAsync(LogLevel level, string message, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<ElicitResult> ElicitAsync(ElicitRequestParams request, CancellationToken cancellationToken = default)
        {
            Elicitations++;
            return ValueTask.FromResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement("web-1") } });
        }

        public ValueTask<CreateMessageResult> SampleAsync(CreateMessageRequestParams request, CancellationToken cancellationToken = default)
        {
            Samplings++;
            return ValueTask.FromResult(new CreateMessageResult { Model = "m", Role = Role.Assistant, Content = [new TextContentBlock { Text = "hi" }] });
        }
    }
}
