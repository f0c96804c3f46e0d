using Burly.Audit;
using Burly.Configuration;
using Burly.Pipeline;
using Burly.Pipeline.Steps;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Burly.Core.Tests.Pipeline.Steps;

public sealed class AuditStepTests
{
    [Test]
    public async Task WriteIntentAsync_AuditLogCannotBeWritten_ReturnsFalse()
    {
        var log = Substitute.For<IAuditLog>();
        log.AppendAsync(Arg.Any<AuditRecord>(), Arg.Any<CancellationToken>()).ThrowsAsync(new AuditWriteException("disk full"));

        var written = await new AuditStep(log, new AuditOptions(), TimeProvider.System).WriteIntentAsync(StepTestData.Call(StepTestData.Tool(mutates: true)));

        Assert.That(written, Is.False);
    }

    [Test]
    public async Task WriteIntentAsync_Writable_WritesAStartedIntentRecord()
    {
        var log = Substitute.For<IAuditLog>();

        var written = await new AuditStep(log, new AuditOptions(), TimeProvider.System).WriteIntentAsync(StepTestData.Call(StepTestData.Tool(mutates: true)));

        Assert.That(written, Is.True);
        await log.Received(1).AppendAsync(Arg.Is<AuditRecord>(r => r.EventType == AuditEventTypes.ToolCallIntent && r.Result == AuditResults.Started && r.MutatesSystem == true), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task WriteCompletionAsync_HashOnly_RecordsTheHashButNoArguments()
    {
        var log = Substitute.For<IAuditLog>();
        var call = StepTestData.Call(StepTestData.Tool(), """{"message":"hi"}""");
        var outcome = new ToolCallOutcome { Status = ToolCallStatus.Success, RequestId = call.RequestId, ToolName = "echo", Summary = "ok" };

        await new AuditStep(log, new AuditOptions { Arguments = "hash_only" }, TimeProvider.System).WriteCompletionAsync(call, outcome);

        await log.Received(1).AppendAsync(Arg.Is<AuditRecord>(r => r.EventType == AuditEventTypes.ToolCall && r.Arguments == null && r.ArgsHash == call.ArgsHash), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task WriteCompletionAsync_AuditDisabled_BuildsNoRecord()
    {
        var log = Substitute.For<IAuditLog>();
        log.FilePath.Returns((string?)null);
        var call = StepTestData.Call(StepTestData.Tool(), """{"message":"hi"}""");
        var outcome = new ToolCallOutcome { Status = ToolCallStatus.Success, RequestId = call.RequestId, ToolName = "echo", Summary = "ok" };

        await new AuditStep(log, new AuditOptions { Enabled = false }, TimeProvider.System).WriteCompletionAsync(call, outcome);

        await log.DidNotReceiveWithAnyArgs().AppendAsync(default!, default);
    }

    [Test]
    public async Task WriteIntentAsync_AuditDisabled_ReturnsTrueWithoutARecord()
    {
        var log = Substitute.For<IAuditLog>();
        log.FilePath.Returns((string?)null);
        log.AppendAsync(Arg.Any<AuditRecord>(), Arg.Any<CancellationToken>()).ThrowsAsync(new AuditWriteException("must not be called"));

        var written = await new AuditStep(log, new AuditOptions { Enabled = false }, TimeProvider.System).WriteIntentAsync(StepTestData.Call(StepTestData.Tool(mutates: true)));

        Assert.That(written, Is.True);
        await log.DidNotReceiveWithAnyArgs().AppendAsync(default!, default);
    }

    [Test]
    public async Task WriteIntentAsync_DisabledOptionsButALogThatWrites_StillFailsClosed()
    {
        var log = Substitute.For<IAuditLog>();
        log.FilePath.Returns("audit.jsonl");
        log.AppendAsync(Arg.Any<AuditRecord>(), Arg.Any<CancellationToken>()).ThrowsAsync(new AuditWriteException("disk full"));

        var written = await new AuditStep(log, new AuditOptions { Enabled = false }, TimeProvider.System).WriteIntentAsync(StepTestData.Call(StepTestData.Tool(mutates: true)));

        Assert.That(written, Is.False);
    }
}
