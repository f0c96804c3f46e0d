using Burly.Audit;
using Microsoft.Extensions.Time.Testing;

namespace Burly.Core.Tests.Audit;

public sealed class AuditRotationTests
{
    private string _dir = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = OpsTestHost.CreateTempDirectory();
        _path = Path.Combine(_dir, "audit.jsonl");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Append_PastMaxSize_RotatesAndChainVerifiesAcrossFiles()
    {
        using (var log = AuditTestLog.Create(_path, o => o.MaxFileSizeBytes = 2048))
        {
            await AuditTestLog.WriteAsync(log, 40);
        }

        var files = AuditFiles.ListInChainOrder(_path);
        var result = AuditChainVerifier.VerifyLog(_path);

        Assert.That(files, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(files.Where(f => f.Index > 0).Select(f => new FileInfo(f.Path).Length), Has.All.LessThanOrEqualTo(2048));
        Assert.That(result.Valid, Is.True, result.Problem);
        Assert.That((result.Records, result.FirstSeq, result.LastSeq), Is.EqualTo((40L, (long?)1, (long?)40)));
    }

    [Test]
    public async Task Rotation_FirstRecordOfNewFile_CarriesLastHashOfOldFile()
    {
        using (var log = AuditTestLog.Create(_path))
        {
            await AuditTestLog.WriteAsync(log, 3);
            await log.RotateNowAsync();
            await AuditTestLog.WriteAsync(log, 1);
        }

        var lastOld = AuditReader.TryParse(File.ReadLines(_path + ".1").Last())!;
        var firstNew = AuditReader.TryParse(File.ReadLines(_path).First())!;
        Assert.That(firstNew["prev_hash"]!.GetValue<string>(), Is.EqualTo(lastOld["hash"]!.GetValue<string>()));
        Assert.That(firstNew["seq"]!.GetValue<long>(), Is.EqualTo(4));
    }

    [Test]
    public async Task Rotation_CompressRotated_GzFilesVerifiable()
    {
        using (var log = AuditTestLog.Create(_path, o =>
        {
            o.MaxFileSizeBytes = 1500;
            o.CompressRotated = true;
        }))
        {
            await AuditTestLog.WriteAsync(log, 20);
        }

        var rotated = AuditFiles.ListRotated(_path);
        var result = AuditChainVerifier.VerifyLog(_path);

        Assert.That(rotated, Is.Not.Empty);
        Assert.That(rotated, Has.All.Matches<AuditFiles.AuditFile>(f => f!.Compressed && f.Path.EndsWith(".gz", StringComparison.Ordinal)));
        Assert.That(result.Valid, Is.True, result.Problem);
        Assert.That(result.Records, Is.EqualTo(20));
    }

    [Test]
    public async Task NewProcess_AfterRotationWithEmptyActiveFile_ContinuesChain()
    {
        using (var log = AuditTestLog.Create(_path))
        {
            await AuditTestLog.WriteAsync(log, 5);
            await log.RotateNowAsync();
        }

        File.WriteAllText(_path, string.Empty);
        using (var restarted = AuditTestLog.Create(_path))
        {
            await AuditTestLog.WriteAsync(restarted, 2);
        }

        var result = AuditChainVerifier.VerifyLog(_path);
        Assert.That(result.Valid, Is.True, result.Problem);
        Assert.That(result.LastSeq, Is.EqualTo(7));
    }

    [Test]
    public async Task Append_FileOlderThanMaxAge_Rotates()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using (var log = AuditTestLog.Create(_path, o => o.MaxFileAgeHours = 1, time))
        {
            await AuditTestLog.WriteAsync(log, 2, time);
            time.Advance(TimeSpan.FromMinutes(59));
            await AuditTestLog.WriteAsync(log, 1, time);
            Assert.That(File.Exists(_path + ".1"), Is.False, "not yet an hour old");
            time.Advance(TimeSpan.FromMinutes(2));
            await AuditTestLog.WriteAsync(log, 1, time);
        }

        Assert.That(File.ReadLines(_path + ".1").Count(), Is.EqualTo(3));
        Assert.That(File.ReadLines(_path).Count(), Is.EqualTo(1));
        Assert.That(AuditChainVerifier.VerifyLog(_path).Valid, Is.True);
    }

    [Test]
    public async Task Rotation_RotatedFileOlderThanRetention_Deleted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var log = AuditTestLog.Create(_path, o => o.RetentionDays = 7, time);
        await AuditTestLog.WriteAsync(log, 2, time);
        await log.RotateNowAsync();
        await AuditTestLog.WriteAsync(log, 2, time);
        File.SetLastWriteTimeUtc(_path + ".1", time.GetUtcNow().UtcDateTime.AddDays(-8));

        await log.RotateNowAsync();

        Assert.That(File.Exists(_path + ".2"), Is.False, "the 8-day-old file (now .2) is past the 7-day retention");
        Assert.That(File.Exists(_path + ".1"), Is.True);
        var result = AuditChainVerifier.VerifyLog(_path);
        Assert.That(result.Valid, Is.True, result.Problem);
        Assert.That(result.FirstSeq, Is.EqualTo(3));
    }

    [Test]
    public async Task ExternalCopyTruncate_NextRecordAppendedAtNewEnd()
    {
        using var log = AuditTestLog.Create(_path);
        await AuditTestLog.WriteAsync(log, 3);

        // What logrotate's copytruncate does.
        File.Copy(_path, _path + ".1");
        using (var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            truncate.SetLength(0);
        }

        await AuditTestLog.WriteAsync(log, 1);

        var bytes = await File.ReadAllBytesAsync(_path);
        Assert.That(bytes[0], Is.EqualTo((byte)'{'), "no NUL gap before the record");
        var result = AuditChainVerifier.VerifyLog(_path);
        Assert.That(result.Valid, Is.True, result.Problem);
        Assert.That(result.Records, Is.EqualTo(4));
    }

    [Test]
    public async Task ExternalRename_NewFileCreatedAndChainContinues()
    {
        using var log = AuditTestLog.Create(_path);
        await AuditTestLog.WriteAsync(log, 2);

        File.Move(_path, _path + ".1"); // logrotate without copytruncate
        await AuditTestLog.WriteAsync(log, 2);

        Assert.That(File.ReadLines(_path).Count(), Is.EqualTo(2));
        Assert.That(AuditChainVerifier.VerifyLog(_path).Valid, Is.True);
    }

    [Test]
    public async Task TwoWriters_Interleaved_OneValidChain()
    {
        // Two logs on one file stand for the server and a `burly tools call` process.
        using var server = AuditTestLog.Create(_path, o => o.MaxFileSizeBytes = 3000);
        using var cli = AuditTestLog.Create(_path, o => o.MaxFileSizeBytes = 3000);
        for (var i = 0; i < 10; i++)
        {
            await AuditTestLog.WriteAsync(server, 2);
            await AuditTestLog.WriteAsync(cli, 1);
        }

        var result = AuditChainVerifier.VerifyLog(_path);
        Assert.That(result.Valid, Is.True, $"{result.Problem} at seq {result.FirstBadSeq}");
        Assert.That((result.Records, result.LastSeq), Is.EqualTo((30L, (long?)30)));
        Assert.That(AuditFiles.ListRotated(_path), Is.Not.Empty, "rotations by either writer are followed by the other");
    }
}
