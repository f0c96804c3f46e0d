using System.Text.Json.Nodes;
using Burly.ToolPacks;
using Microsoft.Extensions.Logging;

namespace Burly.Tools.Blog;

/// <summary>
/// <c>blog_publish_static</c>: copies the listed staged posts to the publish directory, all or nothing.
/// </summary>
/// <remarks>
/// <para>1. Check every listed file first — containment in both roots by real path, extension, size, front matter,
/// duplicates, existing destinations (refused unless <c>overwrite: true</c>) — and stop with every problem listed
/// when there is any: nothing is written.</para>
/// <para>2. Write each post's validated bytes (exactly what was checked, never re-read) to a new temporary file in
/// its destination directory (<c>O_CREAT|O_EXCL</c>: never through a link), verify through the open descriptor that
/// it really is inside the publish root, and flush it to disk. Any failure removes every temporary file and every
/// directory created, so nothing is published.</para>
/// <para>3. Rename the temporary files into place (atomic per file; without <c>overwrite</c> a file that appeared
/// meanwhile is not replaced). A rename failing here — only if something changes the publish directory concurrently
/// — leaves the files renamed so far published and reports them.</para>
/// </remarks>
internal sealed partial class BlogPublishStaticTool(BlogFiles files, ILogger<BlogPublishStaticTool> logger)
{
    public async ValueTask<ToolResult> RunAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var sources = context.GetStringArray("source_files");
        var overwrite = context.GetBoolean("overwrite");
        var settings = context.PolicySettings;
        if (sources.Count == 0)
        {
            throw new ToolException(BurlyErrorCodes.InvalidArguments, "List at least one file in source_files (paths relative to the staging directory).");
        }

        if (sources.Count > settings.MaxFilesPerOperation)
        {
            throw new ToolException(BurlyErrorCodes.InvalidArguments,
                $"{sources.Count} files were listed; at most {settings.MaxFilesPerOperation} may be published per call (security.max_files_per_operation). Split the list. Nothing was published.");
        }

        var stage = files.OpenStage();
        var publish = files.OpenPublish();

        // 1. Check everything before writing anything.
        var problems = new List<BlogProblem>();
        var plan = new List<(StagedPost Post, PathResolution Destination)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var given in sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var display = BlogFiles.Display(given);
            var post = await BlogFiles.LoadAsync(stage, given, settings, problems, cancellationToken).ConfigureAwait(false);
            if (post is null)
            {
                continue;
            }

            if (!post.Report.IsValid)
            {
                problems.Add(new BlogProblem(display, "invalid_front_matter",
                    $"'{display}' is not a valid post: {string.Join("; ", post.Report.Errors)}.", post.Report.Errors));
                continue;
            }

            if (!seen.Add(post.RelativePath))
            {
                problems.Add(new BlogProblem(display, "duplicate", $"'{display}' is listed more than once (as '{post.RelativePath}'). List each file once."));
                continue;
            }

            var destination = publish.ResolveDestination(post.RelativePath);
            if (!destination.IsOk)
            {
                problems.Add(BlogFiles.FromResolution(publish, destination, "publish") with { File = display });
                continue;
            }

            if (destination.Exists && !overwrite)
            {
                problems.Add(new BlogProblem(display, "exists",
                    $"'{post.RelativePath}' already exists in the publish directory. Pass \"overwrite\": true to replace it."));
                continue;
            }

            plan.Add((post, destination));
        }

        if (problems.Count > 0)
        {
            throw await BlogFiles.FailAsync(context, problems,
                $"Nothing was published: {problems.Count} of {sources.Count} file(s) cannot be published.", cancellationToken).ConfigureAwait(false);
        }

        // 2. Stage every file next to its destination; any failure undoes everything.
        var created = new List<string>();
        var temps = new List<(string Temp, string Final, StagedPost Post, bool Existed)>();
        try
        {
            foreach (var (post, destination) in plan)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var directory = publish.CreateDirectories(destination, created);
                if (directory is null)
                {
                    throw new EscapeException(post.Given);
                }

                var temp = $"{directory}/.burly-{Guid.NewGuid():N}.tmp";
                temps.Add((temp, $"{directory}/{destination.FileName}", post, destination.Exists));
                using var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                if (UnixFileSystem.GetOpenedPath(handle) != temp)
                {
                    throw new EscapeException(post.Given);
                }

                RandomAccess.Write(handle, post.Content, 0);
                RandomAccess.FlushToDisk(handle);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EscapeException or OperationCanceledException)
        {
            Undo(temps.Select(t => t.Temp), created);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            if (ex is EscapeException escape)
            {
                throw await BlogFiles.FailAsync(context, [BlogFiles.Escape(BlogFiles.Display(escape.Given), publish, "publish", "changed")],
                    "Nothing was published: the publish directory changed while writing.", cancellationToken).ConfigureAwait(false);
            }

            throw new ToolException(BurlyErrorCodes.ToolFailed,
                $"Nothing was published: a file could not be written to the publish directory ({(ex is UnauthorizedAccessException ? "permission denied" : "I/O error, e.g. no space left")}). Check the publish directory.",
                null, ex);
        }

        // 3. Move into place.
        var published = new JsonArray();
        long totalBytes = 0;
        for (var i = 0; i < temps.Count; i++)
        {
            var (temp, final, post, existed) = temps[i];
            try
            {
                File.Move(temp, final, overwrite);
            }
            catch (IOException ex)
            {
                LogMoveFailed(logger, post.RelativePath, ex);
                Undo(temps.Skip(i).Select(t => t.Temp), []);
                throw new ToolException(BurlyErrorCodes.ToolFailed,
                    $"Publishing stopped at '{post.RelativePath}': it could not be moved into place (the publish directory changed meanwhile). {published.Count} file(s) were published before it; the rest were not.",
                    new JsonObject
                    {
                        ["published"] = published,
                        ["not_published"] = new JsonArray(temps.Skip(i).Select(t => (JsonNode?)t.Post.RelativePath).ToArray()),
                    });
            }

            totalBytes += post.Content.Length;
            published.Add(new JsonObject { ["file"] = post.RelativePath, ["bytes"] = post.Content.Length, ["overwritten"] = existed });
            await context.Session.ReportProgressAsync(i + 1, temps.Count, $"published {post.RelativePath}", CancellationToken.None).ConfigureAwait(false); // never stop half-way for a progress message
        }

        return ToolResult.Ok($"Published {published.Count} file(s) ({totalBytes} bytes) to the publish directory", new JsonObject
        {
            ["published"] = published,
            ["files_written"] = published.Count,
            ["total_bytes"] = totalBytes,
            ["overwrite"] = overwrite,
        });
    }

    private static void Undo(IEnumerable<string> temps, List<string> createdDirectories)
    {
        foreach (var temp in temps)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover hidden temp file is harmless and is named .burly-*.tmp.
            }
        }

        for (var i = createdDirectories.Count - 1; i >= 0; i--)
        {
            try
            {
                Directory.Delete(createdDirectories[i], recursive: false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not empty (someone else wrote there) or gone: leave it.
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "blog_publish_static could not move {File} into place.")]
    private static partial void LogMoveFailed(ILogger logger, string file, Exception exception);

    private sealed class EscapeException(string given) : Exception
    {
        public string Given { get; } = given;
    }
}
