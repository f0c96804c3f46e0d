using System.Text.Json.Nodes;
using Burly.Pipeline;

namespace Burly.Tools.Tests.Blog;

public sealed class BlogStageMarkdownToolTests
{
    private BlogTestEnvironment _env = null!;

    [SetUp]
    public void SetUp() => _env = new BlogTestEnvironment();

    [TearDown]
    public void TearDown() => _env.Dispose();

    /// <summary>Every post in TestData/Posts with whether it is valid and every error expected (all reported at once).</summary>
    public static IEnumerable<TestCaseData> Posts()
    {
        yield return Case("valid-unquoted-date.md", true);
        yield return Case("valid-quoted-date.md", true);
        yield return Case("valid-crlf.md", true);
        yield return Case("valid-bom.md", true);
        yield return Case("valid-datetime.markdown", true);
        yield return Case("invalid-empty-tags.md", false, "Tags field should not be empty");
        yield return Case("invalid-missing-fields.md", false, "Missing required field: title", "Missing required field: date", "Missing required field: tags");
        yield return Case("invalid-empty-block.md", false, "Missing required field: title", "Missing required field: date", "Missing required field: tags");
        yield return Case("invalid-every-field.md", false, "Empty required field: title", "Empty required field: date", "Tags field should be a list");
        yield return Case("invalid-bad-date.md", false, "not a real calendar date: 2024-02-30");
        yield return Case("invalid-date-format.md", false, "must be in YYYY-MM-DD format");
        yield return Case("invalid-no-start.md", false, "start delimiter");
        yield return Case("invalid-no-end.md", false, "end delimiter");
        yield return Case("invalid-yaml.md", false, "Invalid YAML syntax");
        yield return Case("invalid-utf8.md", false, "not valid UTF-8 (first invalid byte at offset 21)");
        yield return Case("invalid-alias-bomb.md", false, "too large");
        yield return Case("invalid-deep-nesting.md", false, "nested more than 64 levels");
    }

    private static TestCaseData Case(string file, bool valid, params string[] errors) =>
        new TestCaseData(file, valid, errors).SetArgDisplayNames(file);

    [TestCaseSource(nameof(Posts))]
    public async Task Stage_TestDataPost_ReportsValidityAndEveryError(string file, bool valid, string[] errors)
    {
        _env.StageTestFile(file);

        var outcome = await _env.StageAsync(file);

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.Success), outcome.Error?.Message);
        var data = outcome.Data!.AsObject();
        var reported = data["validation_errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(data["valid"]!.GetValue<bool>(), Is.EqualTo(valid), string.Join(" | ", reported));
            Assert.That(reported, Has.Count.EqualTo(errors.Length), string.Join(" | ", reported));
            for (var i = 0; i < errors.Length; i++)
            {
                Assert.That(reported.ElementAtOrDefault(i), Does.Contain(errors[i]));
            }
        });
    }

    [Test]
    public async Task Stage_UnquotedDate_FrontMatterKeepsDateAsText()
    {
        _env.StageTestFile("valid-unquoted-date.md");

        var outcome = await _env.StageAsync("valid-unquoted-date.md");

        var frontMatter = outcome.Data!["front_matter"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(frontMatter["date"]!.GetValue<string>(), Is.EqualTo("2024-01-15"));
            Assert.That(frontMatter["title"]!.GetValue<string>(), Is.EqualTo("Hello world"));
            Assert.That(frontMatter["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "news", "dotnet" }));
        });
    }

    [Test]
    public async Task Stage_ValidPost_ReportsPathAsGivenAndSizeInBytes()
    {
        var path = _env.StageTestFile("valid-bom.md", "drafts/2024/bom.md");

        var outcome = await _env.StageAsync("drafts/./2024/bom.md");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Data!["file_path"]!.GetValue<string>(), Is.EqualTo("drafts/./2024/bom.md"));
            Assert.That(outcome.Data!["file_size"]!.GetValue<int>(), Is.EqualTo(new FileInfo(path).Length));
            Assert.That(outcome.Summary, Is.EqualTo("Blog post validation passed - found 3 front-matter fields"));
        });
    }

    [Test]
    public async Task Stage_WrongExtension_IsRefusedWithInvalidArguments()
    {
        _env.StageTestFile("wrong-extension.txt");

        var outcome = await _env.StageAsync("wrong-extension.txt");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
            Assert.That(Problems(outcome), Is.EqualTo(new[] { "extension_not_allowed" }));
            Assert.That(outcome.Error!.Message, Does.Contain(".md, .markdown"));
        });
    }

    [Test]
    public async Task Stage_TooLarge_IsRefusedBeforeReading()
    {
        _env.WriteStage("big.md", BlogTestEnvironment.ValidPost() + new string('x', 1024 * 1024));

        var outcome = await _env.StageAsync("big.md");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
            Assert.That(Problems(outcome), Is.EqualTo(new[] { "too_large" }));
            Assert.That(outcome.Error!.Message, Does.Contain("the limit is 1048576 bytes"));
        });
    }

    [Test]
    public async Task Stage_TooLargeWithWrongExtension_ReportsBothProblems()
    {
        _env.WriteStage("big.txt", new string('x', 1024 * 1024 + 1));

        var outcome = await _env.StageAsync("big.txt");

        Assert.That(Problems(outcome), Is.EqualTo(new[] { "extension_not_allowed", "too_large" }));
    }

    [Test]
    public async Task Stage_ExactlyMaxSize_IsRead()
    {
        var post = BlogTestEnvironment.ValidPost();
        _env.WriteStage("max.md", post + new string('x', 1024 * 1024 - post.Length));

        var outcome = await _env.StageAsync("max.md");

        Assert.That(outcome.Data?["valid"]?.GetValue<bool>(), Is.True, outcome.Error?.Message);
    }

    [Test]
    public async Task Stage_MissingFile_IsInvalidArgumentsWithoutHostPath()
    {
        var outcome = await _env.StageAsync("nope.md");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
            Assert.That(Problems(outcome), Is.EqualTo(new[] { "not_found" }));
            Assert.That(outcome.Error!.Message, Does.Not.Contain(_env.Root));
        });
    }

    [Test]
    public async Task Stage_Directory_IsNotAFile()
    {
        Directory.CreateDirectory(Path.Combine(_env.Stage, "folder.md"));

        var outcome = await _env.StageAsync("folder.md");

        Assert.That(Problems(outcome), Is.EqualTo(new[] { "not_a_file" }));
    }

    [Test]
    public async Task Stage_StageRootMissing_IsDependencyUnavailableWithoutHostPath()
    {
        using var env = new BlogTestEnvironment(stageRoot: Path.Combine(Path.GetTempPath(), "burly-missing-" + Guid.NewGuid().ToString("N")));

        var outcome = await env.StageAsync("post.md");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.DependencyUnavailable));
            Assert.That(outcome.Error!.Message, Does.Contain("BLOG_STAGE_ROOT"));
            Assert.That(outcome.Error!.Message, Does.Not.Contain(Path.GetTempPath()));
        });
    }

    internal static string[] Problems(ToolCallOutcome outcome) =>
        outcome.Error?.Details?["problems"]?.AsArray().Select(p => p!["problem"]!.GetValue<string>()).ToArray() ?? [];

    internal static JsonArray? ProblemList(ToolCallOutcome outcome) => outcome.Error?.Details?["problems"]?.AsArray();
}
