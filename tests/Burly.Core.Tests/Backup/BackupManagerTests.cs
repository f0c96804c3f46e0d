using System.Security.Cryptography;
using System.Text.Json;
using Burly.Backup;
using Burly.Configuration;
using Burly.Core.Tests.Audit;

namespace Burly.Core.Tests.Backup;

public sealed class BackupManagerTests
{
    private string _dir = null!;
    private string _backup = null!;
    private BurlyOptions _options = null!;
    private Dictionary<string, string> _originalHashes = null!;

    [SetUp]
    public async Task SetUp()
    {
        _dir = OpsTestHost.CreateTempDirectory();
        _backup = Path.Combine(_dir, "backups", "b1");
        var live = Path.Combine(_dir, "live");
        _options = new BurlyOptions { DataDirectory = live };
        _options.Policy.File = Path.Combine(live, "policy", "tools.yaml");
        _options.Policy.Directory = Path.Combine(live, "policy", "tools.d");
        _options.Audit.Path = Path.Combine(live, "log", "audit.jsonl");
        _blog.StageRoot = Path.Combine(live, "blog", "stage");
        _blog.PublishRoot = Path.Combine(live, "blog", "publish");
        Directory.CreateDirectory(_options.Policy.Directory);
        Directory.CreateDirectory(Path.Combine(_blog.StageRoot, "drafts"));
        Directory.CreateDirectory(_blog.PublishRoot);
        File.Copy(OpsTestHost.TestData("ops-policy.yaml"), _options.Policy.File);
        await File.WriteAllTextAsync(Path.Combine(_options.Policy.Directory, "10-extra.yaml"), "tools: {}\n");
        await File.WriteAllTextAsync(Path.Combine(_blog.StageRoot, "drafts", "post.md"), "---\ntitle: T\n---\nbody ünïcode\n");
        await File.WriteAllBytesAsync(Path.Combine(_blog.PublishRoot, "index.html"), [0x3c, 0x68, 0x31, 0x3e, 0x00, 0xff]);
        using (var log = AuditTestLog.Create(_options.Audit.Path))
        {
            await AuditTestLog.WriteAsync(log, 5);
            await log.RotateNowAsync();
            await AuditTestLog.WriteAsync(log, 3);
        }

        _originalHashes = LiveFiles().ToDictionary(f => f, Hash);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private readonly BlogOptions _blog = new();

    private BackupManager Manager() => new(_options, null, TimeProvider.System,
        [new("blog", "stage", _blog.ResolveStageRoot(_options)), new("blog", "publish", _blog.ResolvePublishRoot(_options))]);

    // The audit lock file (audit.jsonl.lock) is runtime state, not data: it is not backed up.
    private IEnumerable<string> LiveFiles() => Directory.EnumerateFiles(Path.Combine(_dir, "live"), "*", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    private static string Hash(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    [Test]
    public void Create_AllComponents_ManifestListsEveryFile()
    {
        var manifest = Manager().Create(_backup);

        Assert.That(manifest.Files.Select(f => f.Target), Is.EquivalentTo(_originalHashes.Keys));
        Assert.That(manifest.Files.Select(f => f.Component).Distinct(), Is.EquivalentTo(new[] { "config", "audit", "blog" }));
        Assert.That(manifest.AuditLastSeq, Is.EqualTo(8));
        Assert.That(BackupManager.Verify(_backup).Valid, Is.True);
    }

    [Test]
    public void CreateWipeRestore_EveryFileByteIdentical()
    {
        Manager().Create(_backup);
        Directory.Delete(Path.Combine(_dir, "live"), recursive: true);

        var result = Manager().Restore(_backup, [], force: false);

        Assert.That(result.Files, Is.EqualTo(_originalHashes.Count));
        Assert.That(LiveFiles().ToDictionary(f => f, Hash), Is.EqualTo(_originalHashes));
        Assert.That(Burly.Audit.AuditChainVerifier.VerifyLog(_options.Audit.Path!).Valid, Is.True);
    }

    [Test]
    public void Restore_OnlyBlog_LeavesOtherComponentsAlone()
    {
        Manager().Create(_backup);
        Directory.Delete(Path.Combine(_dir, "live", "blog"), recursive: true);
        File.Delete(_options.Policy.File!);

        Manager().Restore(_backup, ["blog"], force: false);

        Assert.That(File.Exists(Path.Combine(_blog.StageRoot!, "drafts", "post.md")), Is.True);
        Assert.That(File.Exists(_options.Policy.File), Is.False);
    }

    [Test]
    public void Verify_TamperedFile_NamesIt()
    {
        Manager().Create(_backup);
        File.AppendAllText(Path.Combine(_backup, "blog", "stage", "drafts", "post.md"), "injected");

        var result = BackupManager.Verify(_backup);

        Assert.That(result.Valid, Is.False);
        Assert.That(result.Problems, Has.One.Contains("blog/stage/drafts/post.md: checksum mismatch"));
    }

    [Test]
    public void Verify_AuditLineDeletedAndManifestForged_ChainBreakFound()
    {
        Manager().Create(_backup);
        var audit = Path.Combine(_backup, "audit", "audit.jsonl.1");
        File.WriteAllLines(audit, File.ReadAllLines(audit).Where((_, i) => i != 2));
        ForgeManifestHash("audit/audit.jsonl.1", audit);

        var result = BackupManager.Verify(_backup);

        Assert.That(result.Valid, Is.False);
        Assert.That(result.Problems, Has.One.Contains("audit chain broken at seq 3"));
    }

    [Test]
    public void Restore_CorruptedBackup_RefusedAndNothingChanged()
    {
        Manager().Create(_backup);
        File.WriteAllText(Path.Combine(_backup, "config", "policy", "tools.yaml"), "tools: {}\n");
        File.Delete(_options.Audit.Path!);

        Assert.That(() => Manager().Restore(_backup, [], force: false), Throws.TypeOf<BackupException>().With.Message.Contains("failed verification"));
        Assert.That(File.Exists(_options.Audit.Path), Is.False);
    }

    [Test]
    public void Restore_TargetChangedAfterBackup_RefusedWithoutForce()
    {
        Manager().Create(_backup);
        var post = Path.Combine(_blog.StageRoot!, "drafts", "post.md");
        File.WriteAllText(post, "newer work");
        File.SetLastWriteTimeUtc(post, DateTime.UtcNow.AddMinutes(5));

        Assert.That(() => Manager().Restore(_backup, [], force: false), Throws.TypeOf<BackupException>().With.Message.Contains("--force"));
        Assert.That(File.ReadAllText(post), Is.EqualTo("newer work"));

        Manager().Restore(_backup, [], force: true);
        Assert.That(Hash(post), Is.EqualTo(_originalHashes[post]));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Restore_AuditGrewSinceBackup_ConfigAndBlogRestoredWithoutForce_NewerRecordsKeptAside()
    {
        Manager().Create(_backup);
        using (var log = AuditTestLog.Create(_options.Audit.Path!))
        {
            await AuditTestLog.WriteAsync(log, 4);
        }

        var grownLines = File.ReadAllLines(_options.Audit.Path!);
        File.SetLastWriteTimeUtc(_options.Audit.Path!, DateTime.UtcNow.AddMinutes(5));
        File.Delete(_options.Policy.File!);   // lost config: restoring it must not be blocked by the grown audit log

        var result = Manager().Restore(_backup, [], force: false);

        Assert.That(Hash(_options.Policy.File!), Is.EqualTo(_originalHashes[_options.Policy.File!]));
        Assert.That(result.KeptAside, Has.Count.EqualTo(1));
        Assert.That(File.ReadAllLines(result.KeptAside[0]), Is.EqualTo(grownLines), "every record written after the backup is kept");
        Assert.That(Hash(_options.Audit.Path!), Is.EqualTo(_originalHashes[_options.Audit.Path!]));
        Assert.That(File.GetUnixFileMode(result.KeptAside[0]), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));
        Assert.That(File.GetUnixFileMode(_options.Audit.Path!), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));
    }

    [Test]
    public async Task Restore_ForceWithNewerAuditRecords_NoRecordDropped()
    {
        Manager().Create(_backup);
        using (var log = AuditTestLog.Create(_options.Audit.Path!))
        {
            await AuditTestLog.WriteAsync(log, 2);
        }

        var grown = File.ReadAllLines(_options.Audit.Path!).Length;

        var result = Manager().Restore(_backup, ["audit"], force: true);

        Assert.That(result.KeptAside.Select(f => File.ReadAllLines(f).Length), Is.EqualTo(new[] { grown }));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Create_AuditCopies_HaveTheLiveFileMode0640()
    {
        Manager().Create(_backup);

        var audit = Directory.EnumerateFiles(Path.Combine(_backup, "audit")).ToList();
        Assert.That(audit, Is.Not.Empty);
        Assert.That(audit.Select(File.GetUnixFileMode), Has.All.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));
    }

    [Test]
    public void TestRestore_ValidBackup_PassesWithoutTouchingLiveData()
    {
        Manager().Create(_backup);
        File.WriteAllText(_options.Policy.File!, "changed after backup");

        var result = Manager().TestRestore(_backup);

        Assert.That(result.Valid, Is.True, string.Join("; ", result.Problems));
        Assert.That(result.AuditChain!.Records, Is.EqualTo(8));
        Assert.That(File.ReadAllText(_options.Policy.File!), Is.EqualTo("changed after backup"));
    }

    [Test]
    public void Create_NonEmptyDirectory_Refused()
    {
        Directory.CreateDirectory(_backup);
        File.WriteAllText(Path.Combine(_backup, "x"), "x");

        Assert.That(() => Manager().Create(_backup), Throws.TypeOf<BackupException>());
    }

    private void ForgeManifestHash(string relative, string file)
    {
        var path = Path.Combine(_backup, BackupManifest.FileName);
        var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path))!;
        var entry = manifest.Files.Single(f => f.Path == relative);
        entry.Sha256 = Hash(file);
        entry.Size = new FileInfo(file).Length;
        File.WriteAllText(path, JsonSerializer.Serialize(manifest));
    }
}
