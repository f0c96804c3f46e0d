using Burly.Audit;
using Burly.Configuration;
using Burly.Confirmation;
using Burly.Metrics;
using Burly.Pipeline;
using Burly.Pipeline.Steps;
using Burly.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace Burly.Core.Tests.Pipeline.Steps;

public sealed class ConfirmationStepTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = OpsTestHost.CreateTempDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private ConfirmationStep Step(bool strict = false) => new(
        new ApprovalStore(Options.Create(new BurlyOptions { DataDirectory = _dir }), TimeProvider.System, Substitute.For<IAuditLog>()),
        new BurlyMetrics(), strict, TimeProvider.System, NullLogger.Instance);

    [Test]
    public async Task ConfirmAsync_ConfirmArgumentTrue_ConfirmedByArgument()
    {
        var call = StepTestData.Call(StepTestData.Tool(mutates: true, confirm: true));

        var outcome = await Step().ConfirmAsync(call, System.Text.Json.JsonDocument.Parse("true").RootElement, CancellationToken.None);

        Assert.That(outcome, Is.Null);
        Assert.That((call.Confirmed, call.ConfirmationMethod), Is.EqualTo((true, "argument")));
    }

    [Test]
    public async Task ConfirmAsync_NoConfirmation_AnswersConfirmationRequiredWithHowTo()
    {
        var call = StepTestData.Call(StepTestData.Tool(mutates: true, confirm: true), """{"message":"x"}""");

        var outcome = await Step().ConfirmAsync(call, null, CancellationToken.None);

        Assert.That(outcome?.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(outcome!.Error!.Code, Is.EqualTo(BurlyErrorCodes.ConfirmationRequired));
        Assert.That(outcome.Error.Details!["required_arg"]!.GetValue<string>(), Is.EqualTo("_confirm"));
        Assert.That(call.Confirmed, Is.False);
    }

    [Test]
    public async Task ConfirmAsync_StrictModeWithApprovalMethod_RefusesConfirmArgument()
    {
        var call = StepTestData.Call(StepTestData.Tool(mutates: true, confirm: true, confirmation: [ConfirmationMethod.Approval, ConfirmationMethod.Argument]));

        var outcome = await Step(strict: true).ConfirmAsync(call, System.Text.Json.JsonDocument.Parse("true").RootElement, CancellationToken.None);

        Assert.That(outcome?.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(outcome!.Error!.Message, Does.Contain("STRICT_SECURITY_MODE"));
        Assert.That(outcome.Error.Details!["approval_id"], Is.Not.Null);
    }

    [Test]
    public async Task ConfirmAsync_ApproverDeclines_DeniedAndRecordsTheApprover()
    {
        var call = StepTestData.Call(StepTestData.Tool(mutates: true, confirm: true), evidence: ConfirmationEvidence.FromInProcessApproval("alice", accepted: false, "not now"));

        var outcome = await Step().ConfirmAsync(call, null, CancellationToken.None);

        Assert.That(outcome?.Error?.Code, Is.EqualTo(BurlyErrorCodes.ConfirmationDeclined));
        Assert.That(outcome!.Error!.Message, Does.Contain("not now"));
        Assert.That(call.Approver, Is.EqualTo("alice"));
    }
}
