using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Tools.Tests.Blog;

/// <summary>
/// A temporary directory with <c>stage/</c>, <c>publish/</c>, <c>outside/</c> (a sibling that must never change)
/// and <c>data/</c> (audit log), and a real Burly service provider with the Blog pack.
/// </summary>
public sealed class BlogTestEnvironment : IDisposable
{
    private readonly ServiceProvider _services;

    public BlogTestEnvironment(string? stageRoot = null, string? policyYaml = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "burly-blog-" + Guid.NewGuid().ToString("N"));
        Stage = Path.Combine(Root, "stage");
        Publish = Path.Combine(Root, "publish");
        Outside = Path.Combine(Root, "outside");
        Data = Path.Combine(Root, "data");
        Directory.CreateDirectory(Stage);
        Directory.CreateDirectory(Publish);
        Directory.CreateDirectory(Outside);
        Directory.CreateDirectory(Data);
        File.WriteAllText(Path.Combine(Outside, "secret.md"), "---\ntitle: Secret\ndate: 2024-01-01\ntags: [secret]\n---\nOutside content.\n");
        Directory.CreateDirectory(Path.Combine(Outside, "dir"));
        File.WriteAllText(Path.Combine(Outside, "dir", "post.md"), "---\ntitle: Outside dir\ndate: 2024-01-01\ntags: [x]\n---\n");

        string? policyFile = null;
        if (policyYaml is not null)
        {
            policyFile = Path.Combine(Root, "policy.yaml");
            File.WriteAllText(policyFile, policyYaml);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBurly(o =>
        {
            o.DataDirectory = Data;
            o.Policy.File = policyFile;
        }).AddBlogTools(b =>
        {
            b.StageRoot = stageRoot ?? Stage;
            b.PublishRoot = Publish;
        });
        _services = services.BuildServiceProvider();
        Pipeline = _services.GetRequiredService<ToolCallPipeline>();
    }

    public string Root { get; }

    public string Stage { get; }

    public string Publish { get; }

    public string Outside { get; }

    public string Data { get; }

    public ToolCallPipeline Pipeline { get; }

    public string AuditPath => Path.Combine(Data, "audit", "audit.jsonl");

    public static string PostsDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Blog", "TestData", "Posts");

    public static string ValidPost(string title = "A post") => $"---\ntitle: {title}\ndate: 2024-05-01\ntags: [test]\n---\nBody of {title}.\n";

    /// <summary>Copies a file from TestData/Posts into the stage root.</summary>
    public string StageTestFile(string name, string? as_ = null)
    {
        var target = Path.Combine(Stage, as_ ?? name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(PostsDirectory, name), target, overwrite: true);
        return target;
    }

    public string WriteStage(string relative, string content)
    {
        var target = Path.Combine(Stage, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, content);
        return target;
    }

    public Task<ToolCallOutcome> StageAsync(string filePath) =>
        CallAsync("blog_stage_markdown", new JsonObject { ["file_path"] = filePath });

    public Task<ToolCallOutcome> PublishAsync(IEnumerable<string> files, bool? overwrite = null)
    {
        var args = new JsonObject
        {
            ["source_files"] = new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
            ["_confirm"] = true,
        };
        if (overwrite is { } o)
        {
            args["overwrite"] = o;
        }

        return CallAsync("blog_publish_static", args);
    }

    public Task<ToolCallOutcome> CallAsync(string tool, JsonObject args) =>
        Pipeline.InvokeAsync(new ToolCallRequest
        {
            ToolName = tool,
            Arguments = JsonDocument.Parse(args.ToJsonString()).RootElement.Clone(),
            Caller = CallerContext.Local("test"),
        });

    /// <summary>Every record of the audit log.</summary>
    public IReadOnlyList<JsonObject> AuditRecords() =>
        File.Exists(AuditPath)
            ? File.ReadAllLines(AuditPath).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];

    /// <summary>A snapshot of everything under a directory: entry → type, link target or content hash and mtime (links not followed).</summary>
    public static IReadOnlyDictionary<string, string> Snapshot(string directory)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>([directory]);
        while (pending.Count > 0)
        {
            foreach (var entry in new DirectoryInfo(pending.Pop()).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
            {
                var key = Path.GetRelativePath(directory, entry.FullName);
                if (entry.LinkTarget is { } link)
                {
                    result[key] = "link:" + link;
                }
                else if (entry is DirectoryInfo)
                {
                    result[key] = "dir";
                    pending.Push(entry.FullName);
                }
                else
                {
                    result[key] = "file:" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry.FullName))) + ":" + entry.LastWriteTimeUtc.Ticks;
                }
            }
        }

        return result;
    }

    public void Dispose()
    {
        _services.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
