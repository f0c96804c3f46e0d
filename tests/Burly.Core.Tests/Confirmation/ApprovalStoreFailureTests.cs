using Burly.Core.Tests.TestSupport;
using Burly.Pipeline;

namespace Burly.Core.Tests.Confirmation;

/// <summary>
/// The approval store cannot write (its directory is unusable). <c>ApprovalStore</c> is a sealed class with no interface,
/// so there is no substitute seam: the failure is the real one, a file where the approvals directory should be.
/// </summary>
[TestFixture]
public sealed class ApprovalStoreFailureTests
{
    private const string Policy = "tools:\n  mutate:\n    description: m\n    args_schema: { type: object, properties: { target: { type: string } } }\n    confirmation: [elicitation, approval]\n";

    [Test]
    public async Task Invoke_ApprovalStoreCannotWrite_NeedConfirmWithoutApprovalIdAuditedNothingRun()
    {
        using var burly = TestBurly.Create(Policy);
        await File.WriteAllTextAsync(Path.Combine(burly.Directory, "approvals"), "not a directory");

        var outcome = await burly.CallAsync("mutate", """{"target":"web"}""");

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.NeedConfirm));
        Assert.That(outcome.Error!.Code, Is.EqualTo(BurlyErrorCodes.ConfirmationRequired));
        Assert.That(outcome.Error.Details?["approval_id"], Is.Null, "no approval id that does not exist");
        Assert.That(outcome.Error.Message, Does.Not.Contain(burly.Directory));
        Assert.That(burly.Pack.MutateCalls, Is.Zero);
        var record = burly.ReadToolCalls().Last();
        Assert.That(record["error_code"]!.GetValue<string>(), Is.EqualTo(BurlyErrorCodes.ConfirmationRequired));
    }

    [Test]
    public async Task Invoke_ApprovalStoreRecovers_NextCallGetsAnApprovalId()
    {
        using var burly = TestBurly.Create(Policy);
        var blocker = Path.Combine(burly.Directory, "approvals");
        await File.WriteAllTextAsync(blocker, "not a directory");
        await burly.CallAsync("mutate", """{"target":"web"}""");
        File.Delete(blocker);

        var outcome = await burly.CallAsync("mutate", """{"target":"web"}""");

        Assert.That(outcome.Error!.Details!["approval_id"]!.GetValue<string>(), Does.StartWith("apr_"));
    }
}
