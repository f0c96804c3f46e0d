using Burly.Tools.Blog;

namespace Burly.Tools.Tests.Blog;

public sealed class SafeRootTests
{
    private string _dir = null!;
    private string _root = null!;
    private string _outside = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "burly-saferoot-" + Guid.NewGuid().ToString("N"));
        _root = Path.Combine(_dir, "root");
        _outside = Path.Combine(_dir, "outside");
        Directory.CreateDirectory(Path.Combine(_root, "sub", "deeper"));
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_root, "post.md"), "inside");
        File.WriteAllText(Path.Combine(_root, "sub", "deeper", "post.md"), "deep");
        File.WriteAllText(Path.Combine(_outside, "secret.md"), "outside");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private SafeRoot Open() => SafeRoot.TryOpen(_root, "test root", create: false)!;

    [TestCase("post.md")]
    [TestCase("./post.md")]
    [TestCase("sub//deeper/./post.md")]
    [TestCase("sub/../post.md")]
    [TestCase("sub/deeper/../../post.md")]
    public void ResolveExistingFile_PathInsideRoot_IsAccepted(string given)
    {
        var result = Open().ResolveExistingFile(given);

        Assert.That(result.Problem, Is.EqualTo(PathProblem.None), result.Reason);
    }

    [TestCase("../outside/secret.md", "parent_directory")]
    [TestCase("sub/../../outside/secret.md", "parent_directory")]
    [TestCase("..", "parent_directory")]
    [TestCase("~/secret.md", "home_directory")]
    [TestCase("~root/secret.md", "home_directory")]
    [TestCase("post.md\0.txt", "nul_byte")]
    public void ResolveExistingFile_LexicalEscape_IsOutside(string given, string reason)
    {
        var result = Open().ResolveExistingFile(given);

        Assert.Multiple(() =>
        {
            Assert.That(result.Problem, Is.EqualTo(PathProblem.Outside));
            Assert.That(result.Reason, Is.EqualTo(reason));
        });
    }

    [Test]
    public void ResolveExistingFile_AbsolutePath_IsOutsideEvenWhenInsideRoot()
    {
        var result = Open().ResolveExistingFile(Path.Combine(_root, "post.md"));

        Assert.That(result.Reason, Is.EqualTo("absolute_path"));
    }

    [Test]
    public void ResolveExistingFile_SymlinkToOutsideFile_IsOutside()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link.md"), Path.Combine(_outside, "secret.md"));

        var result = Open().ResolveExistingFile("link.md");

        Assert.That((result.Problem, result.Reason), Is.EqualTo((PathProblem.Outside, "symlink")));
    }

    [Test]
    public void ResolveExistingFile_RelativeSymlinkClimbingOut_IsOutside()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "sub", "link.md"), "../../outside/secret.md");

        var result = Open().ResolveExistingFile("sub/link.md");

        Assert.That((result.Problem, result.Reason), Is.EqualTo((PathProblem.Outside, "parent_directory")));
    }

    [Test]
    public void ResolveExistingFile_DanglingSymlinkToOutside_IsOutsideLikeAnExistingOne()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "a.md"), Path.Combine(_outside, "secret.md"));
        File.CreateSymbolicLink(Path.Combine(_root, "b.md"), Path.Combine(_outside, "does-not-exist.md"));

        var existing = Open().ResolveExistingFile("a.md");
        var missing = Open().ResolveExistingFile("b.md");

        Assert.That((missing.Problem, missing.Reason), Is.EqualTo((existing.Problem, existing.Reason)));
    }

    [Test]
    public void ResolveExistingFile_SymlinkedParentDirectoryToOutside_IsOutside()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "linkdir"), _outside);

        var result = Open().ResolveExistingFile("linkdir/secret.md");

        Assert.That(result.Problem, Is.EqualTo(PathProblem.Outside));
    }

    [Test]
    public void ResolveExistingFile_SymlinkToRootThenParent_IsOutside()
    {
        // Lexically "self/../x" stays inside; physically self is the root, so ".." leaves it.
        Directory.CreateSymbolicLink(Path.Combine(_root, "self"), ".");

        var result = Open().ResolveExistingFile("self/../outside/secret.md");

        Assert.That((result.Problem, result.Reason), Is.EqualTo((PathProblem.Outside, "parent_directory")));
    }

    [Test]
    public void ResolveExistingFile_SymlinksInsideRoot_AreFollowed()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "relative.md"), "sub/deeper/post.md");
        File.CreateSymbolicLink(Path.Combine(_root, "absolute.md"), Path.Combine(_root, "sub", "deeper", "post.md"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "sub", "up"), "..");

        var root = Open();
        var relative = root.ResolveExistingFile("relative.md");
        var absolute = root.ResolveExistingFile("absolute.md");
        var viaDir = root.ResolveExistingFile("sub/up/post.md");

        Assert.Multiple(() =>
        {
            Assert.That(relative.RealPath, Is.EqualTo(Path.Combine(root.RealPath, "sub", "deeper", "post.md")));
            Assert.That(absolute.RealPath, Is.EqualTo(relative.RealPath));
            Assert.That(viaDir.RealPath, Is.EqualTo(Path.Combine(root.RealPath, "post.md")));
        });
    }

    [Test]
    public void ResolveExistingFile_SymlinkLoop_IsInvalid()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "a.md"), "b.md");
        File.CreateSymbolicLink(Path.Combine(_root, "b.md"), "a.md");

        var result = Open().ResolveExistingFile("a.md");

        Assert.That((result.Problem, result.Reason), Is.EqualTo((PathProblem.Invalid, "too many symbolic links")));
    }

    [Test]
    public void ResolveExistingFile_HardlinkedFile_IsOutside()
    {
        TestFileSystem.HardLink(Path.Combine(_outside, "secret.md"), Path.Combine(_root, "hard.md"));

        var result = Open().ResolveExistingFile("hard.md");

        Assert.That((result.Problem, result.Reason), Is.EqualTo((PathProblem.Outside, "hardlink")));
    }

    [Test]
    public void ResolveExistingFile_Fifo_IsNotAFile()
    {
        TestFileSystem.MakeFifo(Path.Combine(_root, "pipe.md"));

        var result = Open().ResolveExistingFile("pipe.md");

        Assert.That(result.Problem, Is.EqualTo(PathProblem.NotAFile));
    }

    [TestCase("sub", "NotAFile")]
    [TestCase("post.md/", "NotAFile")]
    [TestCase("missing.md", "NotFound")]
    [TestCase("post.md/child.md", "NotFound")]
    [TestCase("．．/outside/secret.md", "NotFound")]
    [TestCase("‥/outside/secret.md", "NotFound")]
    [TestCase("post.md.", "NotFound")]
    [TestCase("...", "NotFound")]
    [TestCase("", "Invalid")]
    [TestCase("a\nb.md", "Invalid")]
    public void ResolveExistingFile_NotARegularFileInside_IsRefusedWithoutEscape(string given, string expected)
    {
        var result = Open().ResolveExistingFile(given);

        Assert.That(result.Problem.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void ResolveExistingFile_VeryLongPath_IsTooLong()
    {
        var result = Open().ResolveExistingFile(string.Concat(Enumerable.Repeat("a/", 600)) + "post.md");

        Assert.That(result.Problem, Is.EqualTo(PathProblem.TooLong));
    }

    [Test]
    public void ResolveExistingFile_NameLongerThan255Bytes_IsTooLong()
    {
        var result = Open().ResolveExistingFile(new string('é', 130) + ".md");

        Assert.That(result.Problem, Is.EqualTo(PathProblem.TooLong));
    }

    [Test]
    public void TryOpen_RootIsSymlink_ResolvesToRealPath()
    {
        var link = Path.Combine(_dir, "root-link");
        Directory.CreateSymbolicLink(link, _root);

        var root = SafeRoot.TryOpen(link, "test root", create: false)!;

        Assert.Multiple(() =>
        {
            Assert.That(root.RealPath, Is.EqualTo(_root));
            Assert.That(root.ResolveExistingFile("post.md").IsOk, Is.True);
        });
    }

    [Test]
    public void TryOpen_MissingRoot_ReturnsNull()
    {
        Assert.That(SafeRoot.TryOpen(Path.Combine(_dir, "nope"), "test root", create: false), Is.Null);
    }

    [Test]
    public void ResolveDestination_NewFileInMissingDirectories_ListsThem()
    {
        var result = Open().ResolveDestination("a/b/new.md");

        Assert.Multiple(() =>
        {
            Assert.That(result.IsOk, Is.True);
            Assert.That(result.Exists, Is.False);
            Assert.That(result.MissingDirectories, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(result.FileName, Is.EqualTo("new.md"));
            Assert.That(result.ParentRealPath, Is.EqualTo(_root));
        });
    }

    [Test]
    public void ResolveDestination_ExistingFile_IsReportedAsExisting()
    {
        var result = Open().ResolveDestination("sub/deeper/post.md");

        Assert.That((result.IsOk, result.Exists), Is.EqualTo((true, true)));
    }

    [Test]
    public void ResolveDestination_SymlinkedFileToOutside_IsOutside()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link.md"), Path.Combine(_outside, "secret.md"));

        var result = Open().ResolveDestination("link.md");

        Assert.That(result.Problem, Is.EqualTo(PathProblem.Outside));
    }

    [Test]
    public void ResolveDestination_SymlinkedParentToOutside_IsOutside()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "linkdir"), _outside);

        var result = Open().ResolveDestination("linkdir/new/post.md");

        Assert.That(result.Problem, Is.EqualTo(PathProblem.Outside));
    }

    [Test]
    public void ResolveDestination_SymlinkedParentInsideRoot_ResolvesThroughIt()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "alias"), "sub/deeper");

        var result = Open().ResolveDestination("alias/new.md");

        Assert.That(result.RealPath, Is.EqualTo(Path.Combine(_root, "sub", "deeper", "new.md")));
    }

    [Test]
    public void CreateDirectories_MissingDirectories_CreatesThemInsideRoot()
    {
        var root = Open();
        var destination = root.ResolveDestination("x/y/new.md");
        var created = new List<string>();

        var parent = root.CreateDirectories(destination, created);

        Assert.Multiple(() =>
        {
            Assert.That(parent, Is.EqualTo(Path.Combine(_root, "x", "y")));
            Assert.That(created, Is.EqualTo(new[] { Path.Combine(_root, "x"), Path.Combine(_root, "x", "y") }));
            Assert.That(Directory.Exists(parent), Is.True);
        });
    }

    [Test]
    public void CreateDirectories_SymlinkRacedIntoPlace_ReturnsNull()
    {
        var root = Open();
        var destination = root.ResolveDestination("raced/new.md");
        Directory.CreateSymbolicLink(Path.Combine(_root, "raced"), _outside);

        var parent = root.CreateDirectories(destination, []);

        Assert.That(parent, Is.Null);
    }
}
