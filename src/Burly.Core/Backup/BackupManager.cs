using System.Security.Cryptography;
using System.Text.Json;
using Burly.Audit;
using Burly.Configuration;

namespace Burly.Backup;

/// <summary>
/// Backs up and restores what a Burly deployment owns: the policy file and <c>tools.d</c>, the JSON config file
/// (<c>BURLY_CONFIG</c>), the audit log with its rotated files, and the blog stage/publish trees. Every file is listed
/// in <c>manifest.json</c> with its SHA-256; verification re-hashes them and checks the audit chain; restore is
/// all-or-nothing (every file staged next to its target, then renamed into place) and refuses to overwrite data
/// that changed after the backup unless forced.
/// </summary>
public sealed class BackupManager(BurlyOptions options, string? configFile, TimeProvider time, IReadOnlyList<BackupDataRoot>? dataRoots = null)
{
    /// <summary>The backup components, in order.</summary>
    public static readonly string[] Components = ["config", "audit", "blog"];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Creates a backup in <paramref name="directory"/> (which must not exist or be empty); written to a temp directory, then renamed.</summary>
    public BackupManifest Create(string directory)
    {
        directory = Path.GetFullPath(directory);
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new BackupException($"{directory} is not empty; choose a new directory for each backup.");
        }

        var staging = directory.TrimEnd(Path.DirectorySeparatorChar) + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            var manifest = new BackupManifest { CreatedAt = time.GetUtcNow() };
            foreach (var (component, relative, source) in Sources())
            {
                var destination = Path.Combine(staging, relative.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                if (component == "audit" && Path.GetFileName(source) == Path.GetFileName(AuditPath()))
                {
                    CopyCompleteLines(source, destination);
                }
                else
                {
                    File.Copy(source, destination);
                }

                if (component == "audit")
                {
                    SetAuditMode(destination);
                }

                manifest.Files.Add(new BackupEntry { Path = relative, Component = component, Target = source, Size = new FileInfo(destination).Length, Sha256 = Hash(destination) });
            }

            var auditActive = Path.Combine(staging, "audit", Path.GetFileName(AuditPath() ?? "audit.jsonl"));
            if (manifest.Files.Any(f => f.Component == "audit"))
            {
                manifest.AuditLastSeq = AuditChainVerifier.VerifyLog(auditActive).LastSeq;
            }

            File.WriteAllText(Path.Combine(staging, BackupManifest.FileName), JsonSerializer.Serialize(manifest, Json));
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory);
            }

            Directory.Move(staging, directory);
            return manifest;
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    /// <summary>Checks every file's size and SHA-256 and the audit chain in the backup.</summary>
    public static BackupVerification Verify(string directory)
    {
        directory = Path.GetFullPath(directory);
        var problems = new List<string>();
        var manifest = ReadManifest(directory, problems);
        if (manifest is null)
        {
            return new BackupVerification(false, problems, null, null);
        }

        foreach (var entry in manifest.Files)
        {
            var file = ResolveInside(directory, entry.Path);
            if (file is null)
            {
                problems.Add($"{entry.Path}: path escapes the backup directory");
            }
            else if (!File.Exists(file))
            {
                problems.Add($"{entry.Path}: missing");
            }
            else if (new FileInfo(file).Length != entry.Size || !string.Equals(Hash(file), entry.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{entry.Path}: checksum mismatch (modified or corrupted)");
            }
        }

        AuditVerification? chain = null;
        if (ActiveAudit(manifest, e => e.Path) is { } active && ResolveInside(directory, active) is { } activePath)
        {
            chain = AuditChainVerifier.VerifyLog(activePath);
            if (!chain.Valid)
            {
                problems.Add($"audit chain broken at seq {chain.FirstBadSeq} ({chain.FirstBadFile}:{chain.FirstBadLine}): {chain.Problem}");
            }
        }

        return new BackupVerification(problems.Count == 0, problems, manifest, chain);
    }

    /// <summary>Restores the chosen components. <paramref name="targetRoot"/> re-roots every target (test-restore).</summary>
    public BackupRestoreResult Restore(string directory, IReadOnlyCollection<string> only, bool force, string? targetRoot = null)
    {
        var verification = Verify(directory);
        if (!verification.Valid)
        {
            throw new BackupException("the backup failed verification; nothing was restored:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", verification.Problems));
        }

        var manifest = verification.Manifest!;
        var entries = manifest.Files.Where(f => only.Count == 0 || only.Contains(f.Component)).ToList();
        var plan = new List<(BackupEntry Entry, string Source, string Target)>();
        var refused = new List<string>();
        var keptAside = new List<string>();
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var entry in entries)
        {
            var target = targetRoot is null ? entry.Target : Path.Combine(Path.GetFullPath(targetRoot), entry.Target.TrimStart(Path.DirectorySeparatorChar, '/'));
            var source = ResolveInside(Path.GetFullPath(directory), entry.Path)!;
            if (File.Exists(target))
            {
                var same = new FileInfo(target).Length == entry.Size && string.Equals(Hash(target), entry.Sha256, StringComparison.OrdinalIgnoreCase);
                if (same)
                {
                    continue;
                }

                if (entry.Component == "audit")
                {
                    // Audit records are never dropped, with or without --force: the live file (which holds every
                    // record written since the backup) is kept aside under a new name and reported.
                    keptAside.Add(target);
                }
                else if (!force && File.GetLastWriteTimeUtc(target) > manifest.CreatedAt.UtcDateTime)
                {
                    refused.Add(target);
                    continue;
                }
            }

            plan.Add((entry, source, target));
        }

        if (refused.Count > 0)
        {
            throw new BackupException($"{refused.Count} file(s) changed after the backup was made; nothing was restored. Use --force to overwrite them:"
                + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", refused));
        }

        // Stage every file next to its target, then rename all into place: a failure leaves the old data intact.
        var staged = new List<(string Temp, string Target)>();
        var asideFiles = new List<string>();
        try
        {
            foreach (var (entry, source, target) in plan)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temp = target + ".burly-restore-" + Guid.NewGuid().ToString("N")[..8];
                File.Copy(source, temp);
                if (entry.Component == "audit")
                {
                    SetAuditMode(temp);
                }

                if (!string.Equals(Hash(temp), entry.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new BackupException($"{entry.Path}: copy does not match its checksum");
                }

                staged.Add((temp, target));
            }

            foreach (var target in keptAside)
            {
                var aside = target + ".pre-restore-" + stamp;
                File.Copy(target, aside);
                SetAuditMode(aside);
                asideFiles.Add(aside);
            }

            foreach (var (temp, target) in staged)
            {
                File.Move(temp, target, overwrite: true);
            }
        }
        catch
        {
            foreach (var (temp, _) in staged)
            {
                File.Delete(temp);
            }

            throw;
        }

        // Components: every chosen component found in the backup (files already identical count as restored, 0 rewritten).
        return new BackupRestoreResult(plan.Count, entries.Select(e => e.Component).Distinct().Order(StringComparer.Ordinal).ToList()) { KeptAside = asideFiles };
    }

    /// <summary>Audit files (backup copies, restored files, kept-aside copies) get the live log's mode, 0640.</summary>
    private static void SetAuditMode(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }
    }

    /// <summary>Restores into a scratch directory and verifies the result (files and audit chain); the scratch is removed.</summary>
    public BackupVerification TestRestore(string directory)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "burly-test-restore-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            Restore(directory, [], force: false, targetRoot: scratch);
            var verification = Verify(directory);
            var problems = new List<string>(verification.Problems);
            AuditVerification? chain = null;
            foreach (var entry in verification.Manifest!.Files)
            {
                var restored = Path.Combine(scratch, entry.Target.TrimStart(Path.DirectorySeparatorChar, '/'));
                if (!File.Exists(restored) || !string.Equals(Hash(restored), entry.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{entry.Path}: not restored intact");
                }
            }

            if (ActiveAudit(verification.Manifest, e => e.Target) is { } activeAudit)
            {
                chain = AuditChainVerifier.VerifyLog(Path.Combine(scratch, activeAudit.TrimStart(Path.DirectorySeparatorChar, '/')));
                if (!chain.Valid)
                {
                    problems.Add($"restored audit chain broken at seq {chain.FirstBadSeq}: {chain.Problem}");
                }
            }

            return new BackupVerification(problems.Count == 0, problems, verification.Manifest, chain);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>The active audit file of a backup (rotated names stripped of <c>.N</c>/<c>.N.gz</c>).</summary>
    private static string? ActiveAudit(BackupManifest manifest, Func<BackupEntry, string> select) =>
        manifest.Files.Where(f => f.Component == "audit").Select(select)
            .Select(p => System.Text.RegularExpressions.Regex.Replace(p, @"\.\d+(\.gz)?$", string.Empty)).FirstOrDefault();

    private string? AuditPath() => options.Audit.Enabled || !string.IsNullOrWhiteSpace(options.Audit.Path) ? options.Audit.ResolvePath(options) : null;

    private IEnumerable<(string Component, string Relative, string Source)> Sources()
    {
        if (!string.IsNullOrWhiteSpace(options.Policy.File) && File.Exists(options.Policy.File))
        {
            var file = Path.GetFullPath(options.Policy.File);
            yield return ("config", "config/policy/" + Path.GetFileName(file), file);
        }

        if (!string.IsNullOrWhiteSpace(options.Policy.Directory) && Directory.Exists(options.Policy.Directory))
        {
            foreach (var f in Directory.EnumerateFiles(Path.GetFullPath(options.Policy.Directory)).Order(StringComparer.Ordinal))
            {
                yield return ("config", "config/tools.d/" + Path.GetFileName(f), f);
            }
        }

        if (!string.IsNullOrWhiteSpace(configFile) && File.Exists(configFile))
        {
            var file = Path.GetFullPath(configFile);
            yield return ("config", "config/" + Path.GetFileName(file), file);
        }

        if (AuditPath() is { } audit)
        {
            foreach (var f in AuditFiles.ListInChainOrder(audit))
            {
                yield return ("audit", "audit/" + Path.GetFileName(f.Path), f.Path);
            }
        }

        foreach (var (component, name, root) in dataRoots ?? [])
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var f in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Order(StringComparer.Ordinal))
            {
                yield return (component, $"{component}/{name}/" + Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), f);
            }
        }
    }

    /// <summary>Copies a live audit file up to its last complete line (the server may be writing).</summary>
    private static void CopyCompleteLines(string source, string destination)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[input.Length];
        input.ReadExactly(bytes);
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
        output.Write(bytes, 0, end);
    }

    private static BackupManifest? ReadManifest(string directory, List<string> problems)
    {
        var path = Path.Combine(directory, BackupManifest.FileName);
        if (!File.Exists(path))
        {
            problems.Add($"{BackupManifest.FileName} is missing: not a Burly backup");
            return null;
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path));
            if (manifest is null || manifest.Format != BackupManifest.CurrentFormat)
            {
                problems.Add($"{BackupManifest.FileName}: unknown format (expected {BackupManifest.CurrentFormat})");
                return null;
            }

            return manifest;
        }
        catch (JsonException)
        {
            problems.Add($"{BackupManifest.FileName} is not valid JSON");
            return null;
        }
    }

    private static string? ResolveInside(string directory, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(directory, relative.Replace('/', Path.DirectorySeparatorChar)));
        return full.StartsWith(directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private static string Hash(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
