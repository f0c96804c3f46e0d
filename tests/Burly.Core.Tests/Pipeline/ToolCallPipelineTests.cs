using System.Text.Json;
using Burly.Audit;
using Burly.Confirmation;
using Burly.Core.Tests.TestSupport;
using Burly.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Burly.Core.Tests.Pipeline;

public sealed class ToolCallPipelineTests
{
    [Test]
    public async Task Invoke_UnknownTool_ReturnsUnknownToolAndAuditsInvalid()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        var outcome = await burly.CallAsync("no_such_tool");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.UnknownTool));
        Assert.That(burly.ReadAudit().Single()["result"]!.GetValue<string>(), Is.EqualTo("invalid"));
    }

    [Test]
    public async Task Invoke_PackToolWithoutPolicyEntry_IsDeniedByDefault()
    {
        using var burly = TestBurly.Create("tools:\n  echo:\n    description: only echo\n");

        var outcome = await burly.CallAsync("mutate", """{"target":"x","_confirm":true}""");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.UnknownTool));
        Assert.That(burly.Pack.MutateCalls, Is.Zero);
    }

    [Test]
    public async Task Invoke_CallerNotInPolicyAllow_ReturnsForbidden()
    {
        using var burly = TestBurly.Create("tools:\n  echo:\n    description: e\n    allow: [ops]\n");

        var outcome = await burly.CallAsync("echo", "{}", new CallerContext { UserId = "apikey:ci", Transport = "http" });

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.Forbidden));
    }

    [Test]
    public async Task Invoke_CallerInPolicyAllow_Runs()
    {
        using var burly = TestBurly.Create("tools:\n  echo:\n    description: e\n    allow: [ops]\n");

        var outcome = await burly.CallAsync("echo", "{}", new CallerContext { UserId = "apikey:ops", Transport = "http" });

        Assert.That(outcome.IsSuccess, Is.True);
    }

    [Test]
    public async Task Invoke_ReadOnlyScopeOnMutatingTool_ReturnsForbidden()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        var outcome = await burly.CallAsync("mutate", """{"target":"a","_confirm":true}""", new CallerContext { UserId = "apikey:viewer", Transport = "http", ReadOnlyScope = true });

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.Forbidden));
        Assert.That(burly.Pack.MutateCalls, Is.Zero);
    }

    [Test]
    public async Task Invoke_InvalidArguments_ListsEveryViolationWithItsPath()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        var outcome = await burly.CallAsync("echo", """{"message":"this message is far too long","count":0,"extra":1}""");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
        var violations = outcome.Error!.Details!["violations"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        Assert.That(violations, Has.Some.StartsWith("/message:"));
        Assert.That(violations, Has.Some.StartsWith("/count:"));
        Assert.That(violations, Has.Some.StartsWith("/extra:"));
    }

    [Test]
    public async Task Invoke_ArgumentsNestedTooDeep_ReturnsInvalidArguments()
    {
        using var burly = TestBurly.Create(Policies.Standard, o => o.Limits.MaxArgumentDepth = 3);

        var outcome = await burly.CallAsync("echo", """{"nested":{"a":{"b":{"c":{}}}}}""");

        Assert.That(outcome.Error?.Message, Does.Contain("nested"));
        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
    }

    [Test]
    public async Task Invoke_MutatingWithoutConfirmation_ReturnsConfirmationRequiredAndDoesNotRun()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        var outcome = await burly.CallAsync("mutate", """{"target":"web"}""");

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.ConfirmationRequired));
        Assert.That(outcome.Error!.Details!["example"]!["arguments"]!["_confirm"]!.GetValue<bool>(), Is.True);
        Assert.That(burly.Pack.MutateCalls, Is.Zero);
    }

    [TestCase("true")]
    [TestCase("\"yes\"")]
    [TestCase("\"true\"")]
    [TestCase("1")]
    public async Task Invoke_MutatingWithTruthyConfirmArgument_Runs(string value)
    {
        using var burly = TestBurly.Create(Policies.Standard);

        var outcome = await burly.CallAsync("mutate", $$"""{"target":"web","_confirm":{{value}}}""");

        Assert.That(outcome.IsSuccess, Is.True);
        Assert.That(burly.Pack.MutateCalls, Is.EqualTo(1));
        Assert.That(burly.ReadToolCalls().Single()["security_context"]!["confirmation_method"]!.GetValue<string>(), Is.EqualTo("argument"));
    }

    [TestCase("false")]
    [TestCase("\"no\"")]
    [TestCase("2")]
    public async Task Invoke_MutatingWithFalsyConfirmArgument_StillNeedsConfirmation(string value)
    {
        using var burly = TestBurly.Create(Policies.Standard);

        var outcome = await burly.CallAsync("mutate", $$"""{"target":"web","_confirm":{{value}}}""");

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
    }

    [Test]
    public async Task Invoke_ConfirmArgument_IsRemovedBeforeSchemaValidationAndHashing()
    {
        using var burly = TestBurly.Create(Policies.Standard);
        await burly.CallAsync("mutate", """{"target":"web"}""");

        await burly.CallAsync("mutate", """{"target":"web","_confirm":true}""");

        var records = burly.ReadToolCalls();
        Assert.That(records[1]["result"]!.GetValue<string>(), Is.EqualTo("success"), "additionalProperties:false must not reject _confirm");
        Assert.That(records[1]["args_hash"]!.GetValue<string>(), Is.EqualTo(records[0]["args_hash"]!.GetValue<string>()));
        Assert.That(records[1]["arguments"]!.AsObject().ContainsKey("_confirm"), Is.False);
    }

    [Test]
    public async Task Invoke_ToolThatOnlyAcceptsElicitation_IgnoresConfirmArgument()
    {
        using var burly = TestBurly.Create("tools:\n  mutate:\n    description: m\n    confirmation: [elicitation]\n");

        var outcome = await burly.CallAsync("mutate", """{"_confirm":true}""");

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(outcome.Error!.Message, Does.Contain("elicitation"));
        Assert.That(burly.Pack.MutateCalls, Is.Zero);
    }

    [Test]
    public async Task Invoke_ElicitationAccepted_RunsWithElicitationMethod()
    {
        using var burly = TestBurly.Create(Policies.Standard);
        var channel = new StubChannel(ConfirmationAnswer.Accepted);

        var outcome = await burly.Pipeline.InvokeAsync(Request("mutate", """{"target":"web"}""", channel));

        Assert.That(outcome.IsSuccess, Is.True);
        Assert.That(channel.LastPrompt!.Message, Does.Contain("target=web"));
        Assert.That(burly.ReadToolCalls().Single()["security_context"]!["confirmation_method"]!.GetValue<string>(), Is.EqualTo("elicitation"));
    }

    [Test]
    public async Task Invoke_ElicitationDeclined_ReturnsDeclinedEvenWithConfirmArgument()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        var outcome = await burly.Pipeline.InvokeAsync(Request("mutate", """{"target":"web","_confirm":true}""", new StubChannel(ConfirmationAnswer.Declined)));

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.ConfirmationDeclined));
        Assert.That(burly.Pack.MutateCalls, Is.Zero);
    }

    [Test]
    public async Task Invoke_ToolExceedsTimeout_ReturnsTimeoutAndCancelsTool()
    {
        var time = new FakeTimeProvider();
        using var burly = TestBurly.Create(Policies.Standard, time: time);

        var call = burly.CallAsync("slow");
        await burly.Pack.SlowStarted.Task;
        time.Advance(TimeSpan.FromSeconds(3));
        var outcome = await call;

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.Timeout));
        Assert.That(burly.Pack.SlowObservedCancellation, Is.True);
        Assert.That(burly.ReadAudit().Single()["result"]!.GetValue<string>(), Is.EqualTo("timeout"));
    }

    [Test]
    public async Task Invoke_AllSlotsBusy_ReturnsBusy()
    {
        using var burly = TestBurly.Create(Policies.Standard, o =>
        {
            o.Limits.MaxConcurrentTools = 1;
            o.Limits.AdmissionTimeoutMs = 0;
        });
        var first = burly.CallAsync("slow");
        await burly.Pack.SlowStarted.Task;

        var second = await burly.CallAsync("echo", """{"message":"hi"}""");
        burly.Pack.SlowGate.SetResult();
        await first;

        Assert.That(second.Error?.Code, Is.EqualTo(BurlyErrorCodes.Busy));
        Assert.That(burly.ReadAudit().Select(r => r["result"]!.GetValue<string>()), Does.Contain("busy"));
    }

    [Test]
    public async Task Invoke_IdenticalReadOnlyCallsWhileRunning_ShareOneExecution()
    {
        using var burly = TestBurly.Create(Policies.Standard);
        var first = burly.CallAsync("slow");
        await burly.Pack.SlowStarted.Task;

        var second = burly.CallAsync("slow");
        burly.Pack.SlowGate.SetResult();
        var outcomes = await Task.WhenAll(first, second);

        Assert.That(outcomes.All(o => o.IsSuccess), Is.True);
        Assert.That(burly.ReadAudit(), Has.Count.EqualTo(2), "each caller is still audited");
    }

    [Test]
    public async Task Invoke_FirstOfSharedCallersCancels_OthersStillGetTheResult()
    {
        using var burly = TestBurly.Create(Policies.Standard);
        using var firstCaller = new CancellationTokenSource();
        var first = burly.CallAsync("slow", cancellationToken: firstCaller.Token);
        await burly.Pack.SlowStarted.Task;
        var second = burly.CallAsync("slow");

        await firstCaller.CancelAsync();
        var firstOutcome = await first;
        burly.Pack.SlowGate.SetResult();
        var secondOutcome = await second;

        Assert.That(firstOutcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.ToolFailed), "the caller that left is told it cancelled");
        Assert.That(secondOutcome.IsSuccess, Is.True, "the shared run must survive one caller leaving");
        Assert.That(burly.Pack.SlowObservedCancellation, Is.False);
    }

    [Test]
    public async Task Invoke_AllSharedCallersCancel_StopsTheSharedRun()
    {
        using var burly = TestBurly.Create(Policies.Standard);
        using var firstCaller = new CancellationTokenSource();
        using var secondCaller = new CancellationTokenSource();
        var first = burly.CallAsync("slow", cancellationToken: firstCaller.Token);
        await burly.Pack.SlowStarted.Task;
        var second = burly.CallAsync("slow", cancellationToken: secondCaller.Token);

        await secondCaller.CancelAsync();
        await second;
        Assert.That(burly.Pack.SlowObservedCancellation, Is.False, "one caller is still waiting");
        await firstCaller.CancelAsync();
        var outcomes = new[] { await first, await second };

        Assert.That(outcomes.Select(o => o.Error?.Code), Is.All.EqualTo(BurlyErrorCodes.ToolFailed));
        Assert.That(() => burly.Pack.SlowObservedCancellation, Is.True.After(5000, 10), "nobody waits any more, so the run is cancelled");
    }

    [Test]
    public async Task Invoke_ToolThrows_ReturnsToolFailedWithoutPathOrStackTrace()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        var outcome = await burly.CallAsync("fail");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.ToolFailed));
        Assert.That(outcome.Error!.Message, Does.Not.Contain("/srv/secret").And.Not.Contain("boom").And.Not.Contain(" at "));
        Assert.That(outcome.Error!.Message, Does.Contain(outcome.RequestId));
    }

    [Test]
    public async Task Invoke_ToolThrowsToolException_KeepsItsCodeAndMessage()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        var outcome = await burly.CallAsync("coded_fail");

        Assert.That(outcome.Error, Is.EqualTo(new ToolCallError(BurlyErrorCodes.DependencyUnavailable, "The engine is down. Start it.")));
    }

    [Test]
    public async Task Invoke_OutputAboveToolLimit_IsTruncatedWithSizesReported()
    {
        using var burly = TestBurly.Create(Policies.Standard);
        burly.Pack.BigText = string.Concat(Enumerable.Repeat("héllo wörld ✓ ", 200));

        var outcome = await burly.CallAsync("big");

        Assert.That(outcome.Truncated, Is.True);
        Assert.That(outcome.OutputSize, Is.LessThanOrEqualTo(400));
        Assert.That(outcome.OriginalSize, Is.GreaterThan(2000));
        Assert.That(outcome.Data!["text"]!.GetValue<string>(), Does.StartWith("héllo"));
    }

    [Test]
    public async Task Invoke_AuditUnwritable_RefusesMutatingCallWithInternal()
    {
        using var burly = TestBurly.Create(Policies.Standard, o => o.Audit.Path = Path.Combine(BlockedDirectory(), "audit.jsonl"));

        var outcome = await burly.CallAsync("mutate", """{"target":"web","_confirm":true}""");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.Internal));
        Assert.That(burly.Pack.MutateCalls, Is.Zero);
    }

    [Test]
    public async Task Invoke_MutatingCallCancelledWhileRunning_AuditedCancelledAfterIntentNotToolFailed()
    {
        using var burly = TestBurly.Create("tools:\n  slow:\n    description: s\n    mutates: true\n    timeout_sec: 10\n");
        using var cts = new CancellationTokenSource();

        var call = burly.CallAsync("slow", """{"_confirm":true}""", cancellationToken: cts.Token);
        await burly.Pack.SlowStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var intentBeforeRun = burly.ReadAudit().Single();
        await cts.CancelAsync();
        var outcome = await call;

        Assert.That(intentBeforeRun["event_type"]!.GetValue<string>(), Is.EqualTo(AuditEventTypes.ToolCallIntent), "durable before the tool runs");
        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.Cancelled));
        var record = burly.ReadToolCalls().Single();
        Assert.That(record["result"]!.GetValue<string>(), Is.EqualTo(AuditResults.Cancelled));
        Assert.That(record["error_code"]!.GetValue<string>(), Is.Not.EqualTo(BurlyErrorCodes.ToolFailed));
        Assert.That(record["request_id"]!.GetValue<string>(), Is.EqualTo(intentBeforeRun["request_id"]!.GetValue<string>()));
    }

    [Test]
    public async Task Invoke_AuditUnwritable_LetsReadOnlyCallProceed()
    {
        using var burly = TestBurly.Create(Policies.Standard, o => o.Audit.Path = Path.Combine(BlockedDirectory(), "audit.jsonl"));

        var outcome = await burly.CallAsync("echo", """{"message":"hi"}""");

        Assert.That(outcome.IsSuccess, Is.True);
    }

    [Test]
    public async Task Invoke_EveryOutcome_WritesOneAuditRecordWithItsResult()
    {
        using var burly = TestBurly.Create(Policies.Standard, o => o.Limits.AdmissionTimeoutMs = 0);

        await burly.CallAsync("echo", """{"message":"ok"}""");
        await burly.CallAsync("nope");
        await burly.CallAsync("echo", """{"count":0}""");
        await burly.CallAsync("mutate", """{"target":"x"}""");
        await burly.Pipeline.InvokeAsync(Request("mutate", """{"target":"x"}""", new StubChannel(ConfirmationAnswer.Declined)));
        await burly.CallAsync("fail");

        var results = burly.ReadAudit().Select(r => r["result"]!.GetValue<string>()).ToList();
        Assert.That(results, Is.EqualTo(new[] { "success", "invalid", "invalid", "need_confirm", "denied", "failure" }));
    }

    private static ToolCallRequest Request(string tool, string json, IConfirmationChannel channel) => new()
    {
        ToolName = tool,
        Arguments = JsonDocument.Parse(json).RootElement.Clone(),
        Caller = CallerContext.Local("stdio"),
        ConfirmationChannel = channel,
    };

    /// <summary>A directory that cannot be created: its parent is a regular file (works as root too).</summary>
    private static string BlockedDirectory()
    {
        var file = Path.Combine(Path.GetTempPath(), "burly-blocked-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, "not a directory");
        return Path.Combine(file, "audit");
    }

    private sealed class StubChannel(ConfirmationAnswer answer) : IConfirmationChannel
    {
        public ConfirmationPrompt? LastPrompt { get; private set; }

        public bool CanAsk => true;

        public ValueTask<ConfirmationAnswer> AskAsync(ConfirmationPrompt prompt, CancellationToken cancellationToken)
        {
            LastPrompt = prompt;
            return ValueTask.FromResult(answer);
        }
    }
}
