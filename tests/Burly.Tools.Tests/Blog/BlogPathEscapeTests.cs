using System.Text.Json.Nodes;
using Burly.Pipeline;

namespace Burly.Tools.Tests.Blog;

/// <summary>
/// The path-escape corpus, run through the full pipeline for both blog tools: every path that leads (or may lead)
/// out of a root is refused with PATH_OUTSIDE_ROOT and audited as a security violation; nothing outside the roots
/// (nor inside the publish root) changes; messages carry no absolute host path the caller did not give.
/// </summary>
public sealed class BlogPathEscapeTests
{
    private BlogTestEnvironment _env = null!;

    [SetUp]
    public void SetUp()
    {
        _env = new BlogTestEnvironment();
        _env.WriteStage("post.md", BlogTestEnvironment.ValidPost());
    }

    [TearDown]
    public void TearDown() => _env.Dispose();

    /// <summary>Source paths: name, setup returning the path to pass, expected code, whether it is a security violation.</summary>
    public static IEnumerable<TestCaseData> SourceCorpus()
    {
        yield return Case("dot-dot", _ => "../outside/secret.md");
        yield return Case("dot-dot-after-directory", env => { Directory.CreateDirectory(Path.Combine(env.Stage, "a")); return "a/../../outside/secret.md"; });
        yield return Case("dot-dot-many", _ => string.Concat(Enumerable.Repeat("../", 300)) + "etc/passwd");
        yield return Case("absolute-outside", env => Path.Combine(env.Outside, "secret.md"));
        yield return Case("absolute-inside-stage", env => Path.Combine(env.Stage, "post.md"));
        yield return Case("absolute-etc", _ => "/etc/passwd");
        yield return Case("symlinked-file", env => { File.CreateSymbolicLink(Path.Combine(env.Stage, "link.md"), Path.Combine(env.Outside, "secret.md")); return "link.md"; });
        yield return Case("symlinked-file-relative", env => { File.CreateSymbolicLink(Path.Combine(env.Stage, "rel.md"), "../outside/secret.md"); return "rel.md"; });
        yield return Case("dangling-symlink-outside", env => { File.CreateSymbolicLink(Path.Combine(env.Stage, "ghost.md"), Path.Combine(env.Outside, "no-such.md")); return "ghost.md"; });
        yield return Case("symlinked-parent-dir", env => { Directory.CreateSymbolicLink(Path.Combine(env.Stage, "linkdir"), Path.Combine(env.Outside, "dir")); return "linkdir/post.md"; });
        yield return Case("symlink-to-root-then-up", env => { Directory.CreateSymbolicLink(Path.Combine(env.Stage, "self"), "."); return "self/../outside/secret.md"; });
        yield return Case("hardlink", env => { TestFileSystem.HardLink(Path.Combine(env.Outside, "secret.md"), Path.Combine(env.Stage, "hard.md")); return "hard.md"; });
        yield return Case("nul-byte", _ => "post.md\0../../outside/secret.md");
        yield return Case("tilde-home", _ => "~/secret.md");
        yield return Case("tilde-user", _ => "~root/.bashrc");
        yield return Case("very-long", _ => string.Concat(Enumerable.Repeat("a/", 600)) + "x.md", BurlyErrorCodes.InvalidArguments, escape: false);
        yield return Case("very-long-name", _ => new string('a', 300) + ".md", BurlyErrorCodes.InvalidArguments, escape: false);
        yield return Case("fullwidth-dots", _ => "．．/outside/secret.md", BurlyErrorCodes.InvalidArguments, escape: false);
        yield return Case("two-dot-leader", _ => "‥/outside/secret.md", BurlyErrorCodes.InvalidArguments, escape: false);
        yield return Case("trailing-dot", _ => "post.md.", BurlyErrorCodes.InvalidArguments, escape: false);
        yield return Case("trailing-dots-component", _ => ".../outside/secret.md", BurlyErrorCodes.InvalidArguments, escape: false);
        yield return Case("backslashes", _ => "..\\outside\\secret.md", BurlyErrorCodes.InvalidArguments, escape: false);
    }

    private static TestCaseData Case(string name, Func<BlogTestEnvironment, string> setup, string code = BurlyErrorCodes.PathOutsideRoot, bool escape = true) =>
        new TestCaseData(setup, code, escape).SetArgDisplayNames(name);

    [TestCaseSource(nameof(SourceCorpus))]
    public async Task Stage_EscapeCorpus_IsRefusedAndNothingOutsideChanges(Func<BlogTestEnvironment, string> setup, string code, bool escape)
    {
        var path = setup(_env);
        var outsideBefore = BlogTestEnvironment.Snapshot(_env.Outside);

        var outcome = await _env.StageAsync(path);

        AssertRefused(outcome, "blog_stage_markdown", path, code, escape, outsideBefore, publishBefore: null);
    }

    [TestCaseSource(nameof(SourceCorpus))]
    public async Task Publish_EscapeCorpus_IsRefusedAndNothingIsWritten(Func<BlogTestEnvironment, string> setup, string code, bool escape)
    {
        var path = setup(_env);
        var outsideBefore = BlogTestEnvironment.Snapshot(_env.Outside);
        var publishBefore = BlogTestEnvironment.Snapshot(_env.Publish);

        // A valid file alongside: all or nothing, so it must not be published either.
        var outcome = await _env.PublishAsync(["post.md", path], overwrite: true);

        AssertRefused(outcome, "blog_publish_static", path, code, escape, outsideBefore, publishBefore);
    }

    /// <summary>Destination-side escapes: links inside the publish root that lead out.</summary>
    public static IEnumerable<TestCaseData> DestinationCorpus()
    {
        yield return new TestCaseData((Func<BlogTestEnvironment, string>)(env =>
        {
            env.WriteStage("dir/post.md", BlogTestEnvironment.ValidPost());
            Directory.CreateSymbolicLink(Path.Combine(env.Publish, "dir"), Path.Combine(env.Outside, "dir"));
            return "dir/post.md";
        })).SetArgDisplayNames("symlinked-parent-dir-over-existing-outside-file");
        yield return new TestCaseData((Func<BlogTestEnvironment, string>)(env =>
        {
            env.WriteStage("dir/new/post.md", BlogTestEnvironment.ValidPost());
            Directory.CreateSymbolicLink(Path.Combine(env.Publish, "dir"), Path.Combine(env.Outside, "dir"));
            return "dir/new/post.md";
        })).SetArgDisplayNames("symlinked-parent-dir-would-create-outside");
        yield return new TestCaseData((Func<BlogTestEnvironment, string>)(env =>
        {
            File.CreateSymbolicLink(Path.Combine(env.Publish, "post.md"), Path.Combine(env.Outside, "secret.md"));
            return "post.md";
        })).SetArgDisplayNames("symlinked-file-over-existing-outside-file");
        yield return new TestCaseData((Func<BlogTestEnvironment, string>)(env =>
        {
            env.WriteStage("fresh.md", BlogTestEnvironment.ValidPost());
            File.CreateSymbolicLink(Path.Combine(env.Publish, "fresh.md"), Path.Combine(env.Outside, "fresh.md"));
            return "fresh.md";
        })).SetArgDisplayNames("dangling-symlinked-file-would-create-outside");
        yield return new TestCaseData((Func<BlogTestEnvironment, string>)(env =>
        {
            env.WriteStage("up/post.md", BlogTestEnvironment.ValidPost());
            Directory.CreateSymbolicLink(Path.Combine(env.Publish, "up"), "..");
            return "up/post.md";
        })).SetArgDisplayNames("relative-symlinked-dir-to-parent");
    }

    [TestCaseSource(nameof(DestinationCorpus))]
    public async Task Publish_DestinationEscapeCorpus_IsRefusedEvenWithOverwrite(Func<BlogTestEnvironment, string> setup)
    {
        var path = setup(_env);
        var outsideBefore = BlogTestEnvironment.Snapshot(_env.Outside);
        var publishBefore = BlogTestEnvironment.Snapshot(_env.Publish);
        var rootBefore = Directory.EnumerateFileSystemEntries(_env.Root).Order().ToList();

        var outcome = await _env.PublishAsync([path], overwrite: true);

        AssertRefused(outcome, "blog_publish_static", path, BurlyErrorCodes.PathOutsideRoot, escape: true, outsideBefore, publishBefore);
        Assert.That(Directory.EnumerateFileSystemEntries(_env.Root).Order(), Is.EqualTo(rootBefore), "nothing created next to the roots");
    }

    [Test]
    public async Task Stage_SymlinkOutside_MessageDoesNotRevealWhetherTargetExists()
    {
        File.CreateSymbolicLink(Path.Combine(_env.Stage, "x.md"), Path.Combine(_env.Outside, "secret.md"));
        var existing = await _env.StageAsync("x.md");
        File.Delete(Path.Combine(_env.Stage, "x.md"));
        File.CreateSymbolicLink(Path.Combine(_env.Stage, "x.md"), Path.Combine(_env.Outside, "no-such-file.md"));

        var missing = await _env.StageAsync("x.md");

        Assert.Multiple(() =>
        {
            Assert.That(missing.Error!.Message, Is.EqualTo(existing.Error!.Message));
            Assert.That(missing.Error.Details!.ToJsonString(), Is.EqualTo(existing.Error.Details!.ToJsonString()));
        });
    }

    [Test]
    public async Task Stage_AbsolutePathOutside_MessageIsTheSameForExistingAndMissingFiles()
    {
        var existing = await _env.StageAsync("/etc/passwd");
        var missing = await _env.StageAsync("/etc/passwe");

        Assert.That(missing.Error!.Message.Replace("passwe", "passwd", StringComparison.Ordinal), Is.EqualTo(existing.Error!.Message));
    }

    [Test]
    public async Task Stage_SymlinkInsideRoot_IsAllowed()
    {
        File.CreateSymbolicLink(Path.Combine(_env.Stage, "alias.md"), "post.md");

        var outcome = await _env.StageAsync("alias.md");

        Assert.That(outcome.Data?["valid"]?.GetValue<bool>(), Is.True, outcome.Error?.Message);
    }

    [Test]
    public async Task Publish_SymlinkedDirectoryInsidePublishRoot_IsFollowed()
    {
        Directory.CreateDirectory(Path.Combine(_env.Publish, "real"));
        Directory.CreateSymbolicLink(Path.Combine(_env.Publish, "alias"), "real");
        _env.WriteStage("alias/post.md", BlogTestEnvironment.ValidPost());

        var outcome = await _env.PublishAsync(["alias/post.md"]);

        Assert.That(File.Exists(Path.Combine(_env.Publish, "real", "post.md")), Is.True, outcome.Error?.Message);
    }

    [Test]
    public async Task Stage_Escape_IsCountedAndAuditedWithTheCaller()
    {
        await _env.StageAsync("../outside/secret.md");

        var violation = _env.AuditRecords().Single(r => r["event_type"]!.GetValue<string>() == "security_violation");
        Assert.Multiple(() =>
        {
            Assert.That(violation["user_id"]!.GetValue<string>(), Does.StartWith("local:"));
            Assert.That(violation["details"]!["violation_type"]!.GetValue<string>(), Is.EqualTo("path_escape"));
            Assert.That(violation["details"]!["reason"]!.GetValue<string>(), Is.EqualTo("parent_directory"));
            Assert.That(violation["details"]!["root"]!.GetValue<string>(), Is.EqualTo("stage"));
        });
    }

    private void AssertRefused(ToolCallOutcome outcome, string tool, string path, string code, bool escape,
        IReadOnlyDictionary<string, string> outsideBefore, IReadOnlyDictionary<string, string>? publishBefore)
    {
        var records = _env.AuditRecords();
        var violations = records.Where(r => r["event_type"]!.GetValue<string>() == "security_violation").ToList();
        var call = records.Last(r => r["event_type"]!.GetValue<string>() == "tool_call");
        var message = outcome.Error?.Message ?? string.Empty;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.Not.EqualTo(ToolCallStatus.Success));
            Assert.That(outcome.Error?.Code, Is.EqualTo(code), message);
            Assert.That(BlogTestEnvironment.Snapshot(_env.Outside), Is.EqualTo(outsideBefore), "outside changed");
            if (publishBefore is not null)
            {
                Assert.That(BlogTestEnvironment.Snapshot(_env.Publish), Is.EqualTo(publishBefore), "publish root changed");
            }

            // Only the path as given may appear; no other absolute host path (roots, link targets).
            Assert.That(message.Replace(path.Replace("\0", "\\0", StringComparison.Ordinal), string.Empty, StringComparison.Ordinal), Does.Not.Contain(_env.Root));
            Assert.That(call["error_code"]?.GetValue<string>(), Is.EqualTo(code));
            if (escape)
            {
                Assert.That(violations, Has.Count.EqualTo(1), "one security_violation record");
                Assert.That(violations.FirstOrDefault()?["tool_name"]?.GetValue<string>(), Is.EqualTo(tool));
                Assert.That(call["result"]!.GetValue<string>(), Is.EqualTo("denied"));
            }
            else
            {
                Assert.That(violations, Is.Empty, "not a security violation");
            }
        });
    }
}
