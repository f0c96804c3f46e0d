using Burly.Tools.Blog;

namespace Burly.Tools.Tests.Blog;

public sealed class FrontMatterValidatorTests
{
    [Test]
    public void Validate_UnclosedFlowSequence_ReportsSyntaxErrorWithLine()
    {
        var report = FrontMatterValidator.Validate("---\ntitle: [unclosed\ndate: 2024-01-15\n---\n");

        Assert.That(report.Errors, Has.Count.EqualTo(1).And.One.StartsWith("Invalid YAML syntax"));
    }

    [Test]
    public void Validate_DuplicateKey_ReportsIt()
    {
        var report = FrontMatterValidator.Validate("---\ntitle: a\ntitle: b\ndate: 2024-01-15\ntags: [x]\n---\n");

        Assert.That(report.Errors, Has.One.Contains("title"));
    }

    [TestCase("2024-01-15")]
    [TestCase("2024-02-29")]
    [TestCase("2024-01-15T10:30:00Z")]
    [TestCase("2024-01-15 10:30")]
    [TestCase("\"2024-01-15\"")]
    [TestCase("'2024-01-15'")]
    public void Validate_AcceptedDate_IsValid(string date)
    {
        var report = FrontMatterValidator.Validate($"---\ntitle: t\ndate: {date}\ntags: [x]\n---\n");

        Assert.That(report.Errors, Is.Empty);
    }

    [TestCase("2023-02-29")]
    [TestCase("2024-13-01")]
    [TestCase("2024-1-5")]
    [TestCase("24-01-15")]
    [TestCase("2024-01-15T25:00")]
    [TestCase("٢٠٢٤-٠١-١٥")]
    [TestCase("[2024-01-15]")]
    public void Validate_RejectedDate_ReportsOneDateError(string date)
    {
        var report = FrontMatterValidator.Validate($"---\ntitle: t\ndate: {date}\ntags: [x]\n---\n");

        Assert.That(report.Errors, Has.Count.EqualTo(1).And.One.Contains("'date'"));
    }

    [Test]
    public void Validate_TagWithEmptyItem_NamesTheItem()
    {
        var report = FrontMatterValidator.Validate("---\ntitle: t\ndate: 2024-01-15\ntags: [a, \"\", [b]]\n---\n");

        Assert.That(report.Errors, Is.EqualTo(new[] { "Tag 2 must be non-empty text", "Tag 3 must be non-empty text" }));
    }

    [Test]
    public void Validate_FrontMatterNotAMapping_IsReported()
    {
        var report = FrontMatterValidator.Validate("---\n- a\n- b\n---\n");

        Assert.That(report.Errors, Has.One.Contains("must be a YAML mapping"));
    }

    [Test]
    public void Validate_PlainScalars_AreTypedAndQuotedOnesStayText()
    {
        var report = FrontMatterValidator.Validate("---\ntitle: t\ndate: 2024-01-15\ntags: [x]\ndraft: true\nweight: 3\nratio: 1.5\nversion: \"2\"\nnothing: ~\n---\n");

        var fm = report.FrontMatter!;
        Assert.Multiple(() =>
        {
            Assert.That(fm["draft"]!.GetValue<bool>(), Is.True);
            Assert.That(fm["weight"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(fm["ratio"]!.GetValue<double>(), Is.EqualTo(1.5));
            Assert.That(fm["version"]!.GetValue<string>(), Is.EqualTo("2"));
            Assert.That(fm["date"]!.GetValue<string>(), Is.EqualTo("2024-01-15"));
            Assert.That(fm.ContainsKey("nothing") && fm["nothing"] is null, Is.True);
        });
    }

    [Test]
    public void Validate_HugelyNestedBlockSequence_IsRefusedWithoutStackOverflow()
    {
        var yaml = "---\ntitle: t\ndate: 2024-01-15\ntags: [x]\nnested:\n  " + string.Concat(Enumerable.Repeat("- ", 200_000)) + "x\n---\n";

        var report = FrontMatterValidator.Validate(yaml);

        Assert.That(report.Errors, Has.One.Contains("nested more than 64 levels"));
    }

    [Test]
    public void Validate_AliasesWithinBudget_AreExpanded()
    {
        var report = FrontMatterValidator.Validate("---\ntitle: &t Shared\ndate: 2024-01-15\ntags: [*t, b]\n---\n");

        Assert.That(report.FrontMatter!["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "Shared", "b" }));
    }
}
