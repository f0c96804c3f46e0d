using System.Text.Json.Nodes;
using Burly.Pipeline;

namespace Burly.Tools.Tests.Blog;

public sealed class BlogPublishStaticToolTests
{
    private BlogTestEnvironment _env = null!;

    [SetUp]
    public void SetUp() => _env = new BlogTestEnvironment();

    [TearDown]
    public void TearDown() => _env.Dispose();

    [Test]
    public async Task Publish_ValidFiles_CopiesExactBytesAndListsThem()
    {
        _env.StageTestFile("valid-unquoted-date.md", "first.md");
        _env.StageTestFile("valid-crlf.md", "2024/03/second.md");

        var outcome = await _env.PublishAsync(["first.md", "2024/03/second.md"]);

        Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.Success), outcome.Error?.Message);
        var published = outcome.Data!["published"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(published.Select(p => p!["file"]!.GetValue<string>()), Is.EqualTo(new[] { "first.md", "2024/03/second.md" }));
            Assert.That(published[1]!["bytes"]!.GetValue<int>(), Is.EqualTo(new FileInfo(Path.Combine(_env.Stage, "2024/03/second.md")).Length));
            Assert.That(File.ReadAllBytes(Path.Combine(_env.Publish, "2024/03/second.md")), Is.EqualTo(File.ReadAllBytes(Path.Combine(_env.Stage, "2024/03/second.md"))));
            Assert.That(File.ReadAllBytes(Path.Combine(_env.Publish, "first.md")), Is.EqualTo(File.ReadAllBytes(Path.Combine(_env.Stage, "first.md"))));
            Assert.That(outcome.Data!["files_written"]!.GetValue<int>(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Publish_OneBadFileAmongGood_PublishesNothingAndListsEveryProblem()
    {
        _env.StageTestFile("valid-unquoted-date.md", "good.md");
        _env.StageTestFile("invalid-missing-fields.md", "bad.md");
        _env.StageTestFile("wrong-extension.txt");
        var before = BlogTestEnvironment.Snapshot(_env.Publish);

        var outcome = await _env.PublishAsync(["good.md", "bad.md", "wrong-extension.txt", "missing.md"]);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
            Assert.That(BlogStageMarkdownToolTests.Problems(outcome), Is.EqualTo(new[] { "invalid_front_matter", "extension_not_allowed", "not_found" }));
            Assert.That(BlogStageMarkdownToolTests.ProblemList(outcome)![0]!["validation_errors"]!.AsArray(), Has.Count.EqualTo(3));
            Assert.That(outcome.Error!.Message, Does.StartWith("Nothing was published: 3 of 4 file(s) cannot be published."));
            Assert.That(BlogTestEnvironment.Snapshot(_env.Publish), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Publish_ExistingDestination_IsRefusedWithoutOverwrite()
    {
        _env.WriteStage("post.md", BlogTestEnvironment.ValidPost("New"));
        _env.WriteStage("other.md", BlogTestEnvironment.ValidPost("Other"));
        File.WriteAllText(Path.Combine(_env.Publish, "post.md"), "old content");

        var outcome = await _env.PublishAsync(["other.md", "post.md"]);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
            Assert.That(BlogStageMarkdownToolTests.Problems(outcome), Is.EqualTo(new[] { "exists" }));
            Assert.That(outcome.Error!.Message, Does.Contain("\"overwrite\": true"));
            Assert.That(File.ReadAllText(Path.Combine(_env.Publish, "post.md")), Is.EqualTo("old content"));
            Assert.That(File.Exists(Path.Combine(_env.Publish, "other.md")), Is.False);
        });
    }

    [Test]
    public async Task Publish_ExistingDestinationWithOverwrite_ReplacesIt()
    {
        _env.WriteStage("post.md", BlogTestEnvironment.ValidPost("New"));
        File.WriteAllText(Path.Combine(_env.Publish, "post.md"), "old content");

        var outcome = await _env.PublishAsync(["post.md"], overwrite: true);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ToolCallStatus.Success), outcome.Error?.Message);
            Assert.That(File.ReadAllText(Path.Combine(_env.Publish, "post.md")), Is.EqualTo(BlogTestEnvironment.ValidPost("New")));
            Assert.That(outcome.Data!["published"]![0]!["overwritten"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task Publish_Success_LeavesNoTemporaryFiles()
    {
        for (var i = 0; i < 5; i++)
        {
            _env.WriteStage($"dir{i % 2}/post{i}.md", BlogTestEnvironment.ValidPost($"Post {i}"));
        }

        await _env.PublishAsync(Enumerable.Range(0, 5).Select(i => $"dir{i % 2}/post{i}.md"));

        var everything = Directory.EnumerateFileSystemEntries(_env.Publish, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(_env.Publish, p)).Order();
        Assert.That(everything, Is.EqualTo(new[] { "dir0", "dir0/post0.md", "dir0/post2.md", "dir0/post4.md", "dir1", "dir1/post1.md", "dir1/post3.md" }));
    }

    [Test]
    public async Task Publish_WithoutConfirmation_NeedsConfirmAndWritesNothing()
    {
        _env.WriteStage("post.md", BlogTestEnvironment.ValidPost());

        var outcome = await _env.CallAsync("blog_publish_static", new() { ["source_files"] = new JsonArray("post.md") });

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.ConfirmationRequired));
            Assert.That(Directory.EnumerateFileSystemEntries(_env.Publish), Is.Empty);
        });
    }

    [Test]
    public async Task Publish_SameFileListedTwice_IsRefused()
    {
        _env.WriteStage("post.md", BlogTestEnvironment.ValidPost());

        var outcome = await _env.PublishAsync(["post.md", "./post.md"]);

        Assert.Multiple(() =>
        {
            Assert.That(BlogStageMarkdownToolTests.Problems(outcome), Is.EqualTo(new[] { "duplicate" }));
            Assert.That(Directory.EnumerateFileSystemEntries(_env.Publish), Is.Empty);
        });
    }

    [Test]
    public async Task Publish_MoreFilesThanThePolicyAllows_IsRefused()
    {
        using var env = new BlogTestEnvironment(policyYaml: """
            config:
              security:
                max_files_per_operation: 2
            tools:
              blog_stage_markdown: {}
              blog_publish_static: { requires_confirm: true }
            """);
        for (var i = 0; i < 3; i++)
        {
            env.WriteStage($"p{i}.md", BlogTestEnvironment.ValidPost());
        }

        var outcome = await env.PublishAsync(["p0.md", "p1.md", "p2.md"]);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.InvalidArguments));
            Assert.That(outcome.Error!.Message, Does.Contain("at most 2 may be published per call"));
            Assert.That(Directory.EnumerateFileSystemEntries(env.Publish), Is.Empty);
        });
    }

    [Test]
    public async Task Publish_FileLargerThanPolicyLimit_IsRefused()
    {
        using var env = new BlogTestEnvironment(policyYaml: """
            config:
              security:
                max_blog_file_size: 100
            tools:
              blog_publish_static: {}
            """);
        env.WriteStage("small.md", BlogTestEnvironment.ValidPost("S"));
        env.WriteStage("large.md", BlogTestEnvironment.ValidPost(new string('L', 200)));

        var outcome = await env.PublishAsync(["small.md", "large.md"]);

        Assert.Multiple(() =>
        {
            Assert.That(BlogStageMarkdownToolTests.Problems(outcome), Is.EqualTo(new[] { "too_large" }));
            Assert.That(Directory.EnumerateFileSystemEntries(env.Publish), Is.Empty);
        });
    }

    [Test]
    public async Task Publish_PublishRootMissing_IsCreated()
    {
        Directory.Delete(_env.Publish);
        _env.WriteStage("post.md", BlogTestEnvironment.ValidPost());

        var outcome = await _env.PublishAsync(["post.md"]);

        Assert.That(File.Exists(Path.Combine(_env.Publish, "post.md")), Is.True, outcome.Error?.Message);
    }

    [Test]
    public async Task Publish_Success_IsAuditedAsConfirmedMutation()
    {
        _env.WriteStage("post.md", BlogTestEnvironment.ValidPost());

        await _env.PublishAsync(["post.md"]);

        var record = _env.AuditRecords().Last(r => r["event_type"]!.GetValue<string>() == "tool_call");
        Assert.Multiple(() =>
        {
            Assert.That(record["result"]!.GetValue<string>(), Is.EqualTo("success"));
            Assert.That(record["security_context"]!["mutates_system"]!.GetValue<bool>(), Is.True);
            Assert.That(record["security_context"]!["confirmation_method"]!.GetValue<string>(), Is.EqualTo("argument"));
        });
    }
}
