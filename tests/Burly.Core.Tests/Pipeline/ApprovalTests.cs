using Burly.Confirmation;
using Burly.Core.Tests.TestSupport;
using Burly.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Core.Tests.Pipeline;

/// <summary>Out-of-band approval: a tool that accepts only elicitation or approval, used by a client without elicitation.</summary>
public sealed class ApprovalTests
{
    private const string Policy = "tools:\n  mutate:\n    description: m\n    args_schema: { type: object, properties: { target: { type: string } } }\n    confirmation: [elicitation, approval]\n";

    private static string ApprovalId(ToolCallOutcome outcome) => outcome.Error!.Details!["approval_id"]!.GetValue<string>();

    [Test]
    public async Task Invoke_Unconfirmed_ReturnsApprovalIdAndHowToUseIt()
    {
        using var burly = TestBurly.Create(Policy);

        var outcome = await burly.CallAsync("mutate", """{"target":"web"}""");

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(ApprovalStore.IsApprovalId(ApprovalId(outcome)), Is.True);
        Assert.That(outcome.Error!.Message, Does.Contain($"burly approvals approve {ApprovalId(outcome)}"));
    }

    [Test]
    public async Task Invoke_WithApprovedId_RunsOnceOnly()
    {
        using var burly = TestBurly.Create(Policy);
        var id = ApprovalId(await burly.CallAsync("mutate", """{"target":"web"}"""));
        await burly.Services.GetRequiredService<ApprovalStore>().DecideAsync(id, approve: true, "local:ops", "cli");

        var first = await burly.CallAsync("mutate", $$"""{"target":"web","_confirm":"{{id}}"}""");
        var replay = await burly.CallAsync("mutate", $$"""{"target":"web","_confirm":"{{id}}"}""");

        Assert.That(first.IsSuccess, Is.True);
        Assert.That(replay.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(replay.Error!.Message, Does.Contain("already used"));
        Assert.That(burly.Pack.MutateCalls, Is.EqualTo(1));
        var records = burly.ReadAudit();
        Assert.That(records[1]["event_type"]!.GetValue<string>(), Is.EqualTo("approval"));
        Assert.That(records[1]["user_id"]!.GetValue<string>(), Is.EqualTo("local:ops"));
        Assert.That(records[2]["security_context"]!["confirmation_method"]!.GetValue<string>(), Is.EqualTo("approval"));
    }

    [Test]
    public async Task Invoke_ApprovedIdWithOtherArguments_IsRefused()
    {
        using var burly = TestBurly.Create(Policy);
        var id = ApprovalId(await burly.CallAsync("mutate", """{"target":"web"}"""));
        await burly.Services.GetRequiredService<ApprovalStore>().DecideAsync(id, approve: true, "local:ops", "cli");

        var outcome = await burly.CallAsync("mutate", $$"""{"target":"db","_confirm":"{{id}}"}""");

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(outcome.Error!.Message, Does.Contain("another tool or other arguments"));
        Assert.That(burly.Pack.MutateCalls, Is.Zero);
    }

    [Test]
    public async Task Invoke_PendingId_StillNeedsConfirmation()
    {
        using var burly = TestBurly.Create(Policy);
        var id = ApprovalId(await burly.CallAsync("mutate", """{"target":"web"}"""));

        var outcome = await burly.CallAsync("mutate", $$"""{"target":"web","_confirm":"{{id}}"}""");

        Assert.That(outcome.Error!.Message, Does.Contain("still pending"));
        Assert.That(ApprovalId(outcome), Is.EqualTo(id));
    }

    [Test]
    public async Task Invoke_RejectedId_ReturnsDeclined()
    {
        using var burly = TestBurly.Create(Policy);
        var id = ApprovalId(await burly.CallAsync("mutate", """{"target":"web"}"""));
        await burly.Services.GetRequiredService<ApprovalStore>().DecideAsync(id, approve: false, "local:ops", "cli");

        var outcome = await burly.CallAsync("mutate", $$"""{"target":"web","_confirm":"{{id}}"}""");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.ConfirmationDeclined));
    }

    [Test]
    public async Task Invoke_ConfirmTrueWhenArgumentNotAllowed_DoesNotRun()
    {
        using var burly = TestBurly.Create(Policy);

        var outcome = await burly.CallAsync("mutate", """{"target":"web","_confirm":true}""");

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(burly.Pack.MutateCalls, Is.Zero);
    }

    [Test]
    public async Task Approvals_SurviveARestart()
    {
        string id;
        using (var first = TestBurly.Create(Policy))
        {
            id = ApprovalId(await first.CallAsync("mutate", """{"target":"web"}"""));
            var store = new ApprovalStore(first.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Burly.Configuration.BurlyOptions>>(), TimeProvider.System);
            var directory = first.Directory;

            using var second = TestBurly.Create(Policy, o => o.DataDirectory = directory);
            Assert.That(second.Services.GetRequiredService<ApprovalStore>().ListPending().Select(a => a.Id), Does.Contain(id));
            Assert.That(store.Find(id)?.Tool, Is.EqualTo("mutate"));
        }
    }

    [Test]
    public async Task Invoke_ApprovedIdPresentedByAnotherCaller_IsRefused()
    {
        using var burly = TestBurly.Create(Policy);
        var alice = new CallerContext { UserId = "apikey:alice", Transport = "http" };
        var mallory = new CallerContext { UserId = "apikey:mallory", Transport = "http" };
        var id = ApprovalId(await burly.CallAsync("mutate", """{"target":"web"}""", alice));
        await burly.Services.GetRequiredService<ApprovalStore>().DecideAsync(id, approve: true, "local:ops", "cli");

        var stolen = await burly.CallAsync("mutate", $$"""{"target":"web","_confirm":"{{id}}"}""", mallory);
        var own = await burly.CallAsync("mutate", $$"""{"target":"web","_confirm":"{{id}}"}""", alice);

        Assert.That(stolen.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(stolen.Error!.Message, Does.Contain("another caller"));
        Assert.That(own.IsSuccess, Is.True);
        Assert.That(burly.Pack.MutateCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task Decide_ByTheKeyThatRequested_IsRefusedAsSelfApproval()
    {
        using var burly = TestBurly.Create(Policy);
        var boss = new CallerContext { UserId = "apikey:boss", Transport = "http" };
        var id = ApprovalId(await burly.CallAsync("mutate", """{"target":"web"}""", boss));
        var store = burly.Services.GetRequiredService<ApprovalStore>();

        var (decision, problem) = await store.DecideAsync(id, approve: true, "apikey:boss", "http");

        Assert.That(decision, Is.EqualTo(ApprovalDecision.SelfApproval));
        Assert.That(problem, Does.Contain("separation of duty"));
        Assert.That(store.Find(id)!.Status, Is.EqualTo(ApprovalStatus.Pending));
    }

    [Test]
    public async Task Invoke_LongArguments_ApprovalShowsEveryArgument()
    {
        using var burly = TestBurly.Create("tools:\n  mutate:\n    description: m\n    args_schema: { type: object, properties: { target: { type: string }, overwrite: { type: boolean } } }\n    confirmation: [elicitation, approval]\n");
        var padding = new string('x', 1000);

        var outcome = await burly.CallAsync("mutate", $$"""{"target":"{{padding}}","overwrite":true}""");

        var approval = burly.Services.GetRequiredService<ApprovalStore>().Find(ApprovalId(outcome))!;
        Assert.That(approval.Operation, Does.Contain(padding));
        Assert.That(approval.Operation, Does.Contain("overwrite=true"));
        Assert.That(outcome.Error!.Message, Does.Contain("overwrite=true"));
    }

    [Test]
    public async Task Invoke_RepeatedUnconfirmedCall_ReusesThePendingApproval()
    {
        using var burly = TestBurly.Create(Policy);

        var first = ApprovalId(await burly.CallAsync("mutate", """{"target":"web"}"""));
        var second = ApprovalId(await burly.CallAsync("mutate", """{"target":"web"}"""));

        Assert.That(second, Is.EqualTo(first));
        Assert.That(burly.Services.GetRequiredService<ApprovalStore>().ListPending(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Invoke_MorePendingThanTheCallerCap_IsRefusedWithRateLimited()
    {
        using var burly = TestBurly.Create(Policy, o => o.Confirmation.MaxPendingPerCaller = 3);
        var other = new CallerContext { UserId = "apikey:other", Transport = "http" };
        for (var i = 0; i < 3; i++)
        {
            await burly.CallAsync("mutate", $$"""{"target":"t{{i}}"}""");
        }

        var refused = await burly.CallAsync("mutate", """{"target":"t3"}""");
        var othersStillServed = await burly.CallAsync("mutate", """{"target":"t3"}""", other);

        Assert.That(refused.Error?.Code, Is.EqualTo(BurlyErrorCodes.RateLimited));
        Assert.That(refused.Error!.Message, Does.Contain("MaxPendingPerCaller"));
        Assert.That(othersStillServed.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(burly.Services.GetRequiredService<ApprovalStore>().ListPending(), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Invoke_MorePendingThanTheServerCap_IsRefused()
    {
        using var burly = TestBurly.Create(Policy, o =>
        {
            o.Confirmation.MaxPendingPerCaller = 2;
            o.Confirmation.MaxPending = 2;
        });

        await burly.CallAsync("mutate", """{"target":"a"}""", new CallerContext { UserId = "apikey:a", Transport = "http" });
        await burly.CallAsync("mutate", """{"target":"b"}""", new CallerContext { UserId = "apikey:b", Transport = "http" });
        var refused = await burly.CallAsync("mutate", """{"target":"c"}""", new CallerContext { UserId = "apikey:c", Transport = "http" });

        Assert.That(refused.Error?.Code, Is.EqualTo(BurlyErrorCodes.RateLimited));
        Assert.That(refused.Error!.Message, Does.Contain("MaxPending"));
    }

    [Test]
    public async Task Invoke_StrictModeWithConfirmTrue_IsRefusedAndPointsToApproval()
    {
        using var burly = TestBurly.Create("tools:\n  mutate:\n    description: m\n    args_schema: { type: object, properties: { target: { type: string } } }\n    confirmation: [elicitation, approval, argument]\n", o => o.StrictSecurityMode = true);

        var outcome = await burly.CallAsync("mutate", """{"target":"web","_confirm":true}""");

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(outcome.Error!.Message, Does.Contain("STRICT_SECURITY_MODE"));
        Assert.That(outcome.Error!.Message, Does.Contain("burly approvals approve"));
        Assert.That(outcome.Error!.Details!["required_arg"], Is.Null);
        Assert.That(burly.Pack.MutateCalls, Is.Zero);
    }

    [Test]
    public async Task Invoke_StrictModeOffWithConfirmTrue_Runs()
    {
        using var burly = TestBurly.Create("tools:\n  mutate:\n    description: m\n    args_schema: { type: object, properties: { target: { type: string } } }\n    confirmation: [elicitation, approval, argument]\n");

        var outcome = await burly.CallAsync("mutate", """{"target":"web","_confirm":true}""");

        Assert.That(outcome.IsSuccess, Is.True);
    }
}
