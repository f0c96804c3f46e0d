using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Burly.Tests.Corpus;

/// <summary>
/// The directories a corpus run configures: the blog staging and publish roots (with hostile entries: symlinks
/// out of the root, a FIFO, links to devices) and a canary directory outside every root whose content must never
/// change, nor appear in an answer.
/// </summary>
internal sealed class CorpusRoots : IDisposable
{
    public CorpusRoots()
    {
        Root = Directory.CreateTempSubdirectory("burly-corpus-").FullName;
        Stage = Directory.CreateDirectory(Path.Combine(Root, "stage")).FullName;
        Publish = Directory.CreateDirectory(Path.Combine(Root, "publish")).FullName;
        Outside = Directory.CreateDirectory(Path.Combine(Root, "outside")).FullName;
        Data = Directory.CreateDirectory(Path.Combine(Root, "data")).FullName;
        File.WriteAllText(Path.Combine(Outside, "canary.md"), "---\ntitle: Canary\ndate: 2026-01-01\n---\nCANARY-CONTENT-7f3a\n");
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), "CANARY-SECRET-91bd\n");
        File.WriteAllText(Path.Combine(Stage, "ok.md"), "---\ntitle: Hello\ndate: 2026-01-01\n---\nBody.\n");
        Directory.CreateDirectory(Path.Combine(Stage, "subdir"));
        File.CreateSymbolicLink(Path.Combine(Stage, "link-out.md"), Path.Combine(Outside, "canary.md"));
        Directory.CreateSymbolicLink(Path.Combine(Stage, "link-dir"), Outside);
        File.CreateSymbolicLink(Path.Combine(Stage, "link-missing.md"), Path.Combine(Outside, "missing.md"));
        File.CreateSymbolicLink(Path.Combine(Stage, "link-chain.md"), Path.Combine(Stage, "link-out.md"));
        File.CreateSymbolicLink(Path.Combine(Stage, "dev-null.md"), "/dev/null");
        File.CreateSymbolicLink(Path.Combine(Stage, "dev-zero.md"), "/dev/zero");
        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(Stage, "pipe.md")]))
        {
            mkfifo.WaitForExit();
        }

        OutsideSnapshot = Snapshot(Outside);
        StageSnapshot = Snapshot(Stage);
    }

    public string Root { get; }

    public string Stage { get; }

    public string Publish { get; }

    public string Outside { get; }

    public string Data { get; }

    public string OutsideSnapshot { get; }

    public string StageSnapshot { get; }

    public string Replace(string text, string apiKey) => text
        .Replace("{OUTSIDE}", Outside, StringComparison.Ordinal)
        .Replace("{STAGE}", Stage, StringComparison.Ordinal)
        .Replace("{PUBLISH}", Publish, StringComparison.Ordinal)
        .Replace("{KEYPREFIX}", apiKey[..8], StringComparison.Ordinal)
        .Replace("{KEY}", apiKey, StringComparison.Ordinal);

    /// <summary>Asserts that the canary directory, the staging root and the (empty) publish root are unchanged.</summary>
    public void AssertUnchanged(string caseId)
    {
        Assert.That(Snapshot(Outside), Is.EqualTo(OutsideSnapshot), $"{caseId}: the canary directory outside the roots changed");
        Assert.That(Snapshot(Stage), Is.EqualTo(StageSnapshot), $"{caseId}: the staging root changed");
        Assert.That(Directory.EnumerateFileSystemEntries(Publish), Is.Empty, $"{caseId}: something was published");
        Assert.That(File.ReadAllText(Path.Combine(Outside, "canary.md")), Does.Contain("CANARY-CONTENT-7f3a"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Names, kinds, sizes, times and content hashes of every entry (links not followed).</summary>
    private static string Snapshot(string directory)
    {
        var text = new StringBuilder();
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            text.Append(entry.FullName).Append('|').Append(entry.Attributes).Append('|').Append(entry.LinkTarget).Append('|').Append(entry.LastWriteTimeUtc.Ticks);
            if (entry is FileInfo { LinkTarget: null } file && (file.Attributes & FileAttributes.Device) == 0 && !file.Name.EndsWith("pipe.md", StringComparison.Ordinal))
            {
                text.Append('|').Append(file.Length).Append('|').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName))));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
