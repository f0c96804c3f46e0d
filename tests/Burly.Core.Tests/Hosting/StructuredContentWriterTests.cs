using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Hosting;
using Burly.Pipeline;

namespace Burly.Core.Tests.Hosting;

/// <summary>The per-call UTF-8 writer produces exactly the <c>structuredContent</c> of <see cref="McpResultMapper.ToStructuredContent"/>.</summary>
public sealed class StructuredContentWriterTests
{
    private static IEnumerable<TestCaseData> Outcomes()
    {
        yield return new TestCaseData(new ToolCallOutcome
        {
            Status = ToolCallStatus.Success, RequestId = "r1", ToolName = "echo", Summary = "ok <&> é",
            Data = JsonNode.Parse("""{"message":"hi \u00e9 <b>","n":[1,2.5,null,true],"o":{}}"""), ElapsedMs = 1.23456,
        }).SetName("ToElement_Success_MatchesMapper");
        yield return new TestCaseData(new ToolCallOutcome
        {
            Status = ToolCallStatus.Success, RequestId = "r2", ToolName = "t", Summary = "s", Data = null, Truncated = true, OriginalSize = 123456,
        }).SetName("ToElement_TruncatedNullData_MatchesMapper");
        yield return new TestCaseData(new ToolCallOutcome
        {
            Status = ToolCallStatus.Failure, RequestId = "r3", ToolName = "t", Summary = "failed",
            Error = new ToolCallError("invalid_arguments", "bad \"x\"", JsonNode.Parse("""{"problems":["/: no"]}""")), ElapsedMs = 0.5,
        }).SetName("ToElement_Failure_MatchesMapper");
        yield return new TestCaseData(new ToolCallOutcome
        {
            Status = ToolCallStatus.NeedConfirm, RequestId = "r4", ToolName = "t", Summary = "confirm", Error = new ToolCallError("confirmation_required", "m"),
        }).SetName("ToElement_NeedConfirmWithoutDetails_MatchesMapper");
    }

    [TestCaseSource(nameof(Outcomes))]
    public void ToElement_Outcome_MatchesMapper(ToolCallOutcome outcome)
    {
        var expected = JsonSerializer.SerializeToElement(McpResultMapper.ToStructuredContent(outcome)).GetRawText();

        var actual = StructuredContentWriter.ToElement(outcome).GetRawText();

        Assert.That(actual, Is.EqualTo(expected));
    }
}
