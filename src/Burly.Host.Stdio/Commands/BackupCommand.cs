using System.CommandLine;
using Burly.Backup;
using Burly.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Host.Stdio.Commands;

/// <summary><c>burly backup create|verify|restore|test-restore DIR</c>.</summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var backup = new Command("backup", "Back up, verify and restore policy, config, audit log and blog data (SHA-256 manifest).");

        var dir = new Argument<string>("dir") { Description = "The backup directory." };
        var create = new Command("create", "Create a backup in DIR (a new or empty directory).") { dir };
        create.SetAction((pr, _) => Task.FromResult(Run(() => CreateBackup(pr.GetValue(dir)!))));
        backup.Subcommands.Add(create);

        var verifyDir = new Argument<string>("dir") { Description = "The backup directory." };
        var verify = new Command("verify", "Check every file's SHA-256 and the audit chain; exit 1 on any problem.") { verifyDir };
        verify.SetAction((pr, _) => Task.FromResult(Run(() => Report(BackupManager.Verify(pr.GetValue(verifyDir)!), "backup valid"))));
        backup.Subcommands.Add(verify);

        var restoreDir = new Argument<string>("dir") { Description = "The backup directory." };
        var only = new Option<string[]>("--only") { Description = "Restore only these components: config, audit, blog (repeatable).", AllowMultipleArgumentsPerToken = true };
        only.AcceptOnlyFromAmong(BackupManager.Components);
        var force = new Option<bool>("--force") { Description = "Overwrite config and blog files that changed after the backup was made (audit files are never dropped: the live one is kept aside)." };
        var restore = new Command("restore", "Verify, then restore atomically (all files or none). Stop the server first.") { restoreDir, only, force };
        restore.SetAction((pr, _) => Task.FromResult(Run(() =>
        {
            var result = Manager().Restore(pr.GetValue(restoreDir)!, pr.GetValue(only) ?? [], pr.GetValue(force));
            Console.Out.WriteLine($"restored {result.Files} file(s): {string.Join(", ", result.Components)}");
            var exit = 0;
            foreach (var aside in result.KeptAside)
            {
                // The live audit file held records the backup does not have: it was kept, not dropped. Verify both.
                var kept = Burly.Audit.AuditChainVerifier.Verify(File.ReadLines(aside));
                Console.Out.WriteLine($"kept aside: {aside} (the audit file as it was before the restore: {kept.Records} record(s), seq {kept.FirstSeq}..{kept.LastSeq}; chain {(kept.Valid ? "intact" : "BROKEN: " + kept.Problem)})");
                exit = kept.Valid ? exit : 1;
            }

            if (result.KeptAside.Count > 0 && result.Components.Contains("audit"))
            {
                var restored = Burly.Audit.AuditChainVerifier.VerifyLog(result.KeptAside[0][..result.KeptAside[0].LastIndexOf(".pre-restore-", StringComparison.Ordinal)]);
                Console.Out.WriteLine($"restored audit log: {restored.Records} record(s), last seq {restored.LastSeq}; chain {(restored.Valid ? "intact" : "BROKEN: " + restored.Problem)}. Newer records are only in the kept-aside file; keep it with the audit archive.");
                exit = restored.Valid ? exit : 1;
            }

            return exit;
        })));
        backup.Subcommands.Add(restore);

        var testDir = new Argument<string>("dir") { Description = "The backup directory." };
        var testRestore = new Command("test-restore", "Restore into a scratch directory, verify the result, and remove it.") { testDir };
        testRestore.SetAction((pr, _) => Task.FromResult(Run(() => Report(Manager().TestRestore(pr.GetValue(testDir)!), "test restore passed"))));
        backup.Subcommands.Add(testRestore);
        return backup;
    }

    private static int CreateBackup(string directory)
    {
        var manifest = Manager().Create(directory);
        var byComponent = manifest.Files.GroupBy(f => f.Component).Select(g => $"{g.Key} {g.Count()}");
        Console.Out.WriteLine($"backup created: {manifest.Files.Count} file(s) ({string.Join(", ", byComponent)}), {manifest.Files.Sum(f => f.Size)} bytes"
            + (manifest.AuditLastSeq is { } seq ? $", audit up to seq {seq}" : string.Empty));
        return 0;
    }

    private static int Report(BackupVerification verification, string ok)
    {
        if (verification.Valid)
        {
            Console.Out.WriteLine($"{ok}: {verification.Manifest!.Files.Count} file(s) match their checksums"
                + (verification.AuditChain is { } chain ? $"; audit chain valid ({chain.Records} records)" : string.Empty));
            return 0;
        }

        Console.Out.WriteLine($"backup INVALID: {verification.Problems.Count} problem(s)");
        foreach (var p in verification.Problems)
        {
            Console.Out.WriteLine("  " + p);
        }

        return 1;
    }

    private static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (BackupException ex)
        {
            Console.Error.WriteLine("burly: " + ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("burly: " + ex.Message);
            return 1;
        }
    }

    private static BackupManager Manager()
    {
        var options = new BurlyOptions();
        var configuration = BurlyHostFactory.BuildConfiguration();
        configuration.GetSection(BurlyOptions.SectionName).Bind(options);
        var blog = new BlogOptions();
        configuration.GetSection(BurlyToolsBuilderExtensions.BlogSection).Bind(blog);
        BackupDataRoot[] roots = [new("blog", "stage", blog.ResolveStageRoot(options)), new("blog", "publish", blog.ResolvePublishRoot(options))];
        return new BackupManager(options, Environment.GetEnvironmentVariable("BURLY_CONFIG"), TimeProvider.System, roots);
    }
}
