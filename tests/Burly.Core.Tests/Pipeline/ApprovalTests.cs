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
}
