using Burly.Pipeline;
using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Burly.Configuration;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.Options;

namespace Burly.Tools.Blog;

/// <summary>What both blog tools share: opening the roots, reading a staged post safely, and turning problems into errors.</summary>
internal sealed class BlogFiles(IOptions<BurlyOptions> options, IOptions<BlogOptions> blog)
{
    /// <summary>The security event type reported for every refused path.</summary>
    public const string PathEscapeEvent = SecurityViolationTypes.PathEscape;

    private const string StageLabel = "staging directory";
    private const string PublishLabel = "publish directory";
    private const int MaxMessageProblems = 5;

    /// <summary>Opens the staging root (it must exist).</summary>
    /// <returns>The root.</returns>
    public SafeRoot OpenStage()
    {
        EnsureSupported();
        var path = blog.Value.ResolveStageRoot(options.Value);
        return Open(path, StageLabel, create: false)
            ?? throw new ToolException(BurlyErrorCodes.DependencyUnavailable,
                "The blog staging directory does not exist or is not a directory. Create it, or set BLOG_STAGE_ROOT to the directory holding the drafts (see `burly config show`).");
    }

    /// <summary>Opens the publish root (created when missing).</summary>
    /// <returns>The root.</returns>
    public SafeRoot OpenPublish()
    {
        EnsureSupported();
        var path = blog.Value.ResolvePublishRoot(options.Value);
        return Open(path, PublishLabel, create: true)
            ?? throw new ToolException(BurlyErrorCodes.DependencyUnavailable,
                "The blog publish directory is not a directory and cannot be created. Set BLOG_PUBLISH_ROOT to a writable directory (see `burly config show`).");
    }

    /// <summary>
    /// Resolves, checks and reads one staged post. Path, extension and size are checked before a byte is read;
    /// the opened descriptor is re-checked (real path, inode, link count, size) and at most the size limit is read.
    /// </summary>
    /// <param name="stage">The staging root.</param>
    /// <param name="given">The path as the caller gave it.</param>
    /// <param name="settings">The policy limits.</param>
    /// <param name="problems">Receives every problem found.</param>
    /// <returns>The post (with its validation report), or <see langword="null"/> when it could not be read.</returns>
    public static StagedPost? Load(SafeRoot stage, string given, PolicySettings settings, List<BlogProblem> problems)
    {
        var display = Display(given);
        var resolution = stage.ResolveExistingFile(given);
        if (!resolution.IsOk)
        {
            problems.Add(FromResolution(stage, resolution, "stage"));
            return null;
        }

        var found = problems.Count;
        var extension = Path.GetExtension(resolution.RelativePath!);
        if (!IsAllowed(extension, settings) || !IsAllowed(Path.GetExtension(resolution.RealPath!), settings))
        {
            problems.Add(new BlogProblem(display, "extension_not_allowed",
                $"'{display}' has the extension '{(extension.Length == 0 ? "(none)" : extension)}', which is not allowed. Allowed: {string.Join(", ", settings.AllowedBlogExtensions)} (security.allowed_blog_extensions in the policy)."));
        }

        var max = settings.MaxBlogFileSize;
        if (resolution.Status!.Value.Size > max)
        {
            problems.Add(TooLarge(display, resolution.Status.Value.Size, max));
        }

        if (problems.Count > found)
        {
            return null;
        }

        byte[] content;
        try
        {
            // Non-blocking and confined (see ConfinedOpen): a FIFO or device swapped in never blocks the slot, a link
            // raced in is refused before its target is looked at, so outside files that exist and those that do not
            // answer alike.
            var failure = ConfinedOpen.OpenForRead(stage.RealPath, resolution.RealPath!, out var opening);
            switch (failure)
            {
                case ConfinedOpenFailure.LinkOrEscape:
                    problems.Add(Escape(display, stage, "stage", "symlink"));
                    return null;
                case ConfinedOpenFailure.Changed:
                    problems.Add(Changed(display));
                    return null;
                case ConfinedOpenFailure.AccessDenied:
                    throw new UnauthorizedAccessException();
                case ConfinedOpenFailure.Unreadable:
                    throw new IOException();
            }

            using var handle = opening!;
            var opened = UnixFileSystem.GetOpenedPath(handle);
            var status = UnixFileSystem.FStat(handle);
            if (opened is null || !stage.Contains(opened))
            {
                problems.Add(Escape(display, stage, "stage", "symlink"));
                return null;
            }

            if (status.Kind != UnixFileKind.Regular)
            {
                problems.Add(new BlogProblem(display, "not_a_file", $"'{display}' is not a regular file in the {StageLabel} (a FIFO, socket or device was put in its place). Stage a regular file.", Root: "stage"));
                return null;
            }

            if (!status.IsSameFile(resolution.Status.Value))
            {
                problems.Add(Changed(display));
                return null;
            }

            if (status.LinkCount > 1)
            {
                problems.Add(Escape(display, stage, "stage", "hardlink"));
                return null;
            }

            if (status.Size > max)
            {
                problems.Add(TooLarge(display, status.Size, max));
                return null;
            }

            content = ReadBounded(handle, status.Size, max, out var tooLarge);
            if (tooLarge)
            {
                problems.Add(TooLarge(display, max + 1, max));
                return null;
            }
        }
        catch (UnauthorizedAccessException)
        {
            problems.Add(new BlogProblem(display, "permission_denied", $"'{display}' cannot be read: permission denied. Check the file's permissions in the {StageLabel}."));
            return null;
        }
        catch (IOException)
        {
            problems.Add(new BlogProblem(display, "unreadable", $"'{display}' cannot be read. Check the file in the {StageLabel}."));
            return null;
        }

        return new StagedPost(given, resolution.RelativePath!, content, Validate(content));
    }

    /// <summary>
    /// <see cref="Load"/> on the thread pool, awaited with the call's cancellation token: whatever file system call
    /// blocks (a hung mount), the tool timeout still fires and the slot is released.
    /// </summary>
    /// <param name="stage">The staging root.</param>
    /// <param name="given">The path as the caller gave it.</param>
    /// <param name="settings">The policy limits.</param>
    /// <param name="problems">Receives every problem found.</param>
    /// <param name="cancellationToken">The call's cancellation token (fires on the tool timeout).</param>
    /// <returns>The post, or <see langword="null"/>.</returns>
    public static async Task<StagedPost?> LoadAsync(SafeRoot stage, string given, PolicySettings settings, List<BlogProblem> problems, CancellationToken cancellationToken)
    {
        var found = new List<BlogProblem>();
        var post = await Task.Run(() => Load(stage, given, settings, found), CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        problems.AddRange(found);
        return post;
    }

    /// <summary>Decodes a post (BOM stripped, strict UTF-8) and validates its front matter.</summary>
    /// <param name="content">The bytes.</param>
    /// <returns>The report.</returns>
    public static FrontMatterReport Validate(byte[] content)
    {
        ReadOnlySpan<byte> bytes = content;
        var offset = 0;
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
            offset = 3;
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            return new FrontMatterReport(null, [$"The file is not valid UTF-8 (first invalid byte at offset {read + offset}). Save it as UTF-8."]);
        }

        return FrontMatterValidator.Validate(new string(chars, 0, written));
    }

    /// <summary>Turns a refused resolution into a problem.</summary>
    /// <param name="root">The root.</param>
    /// <param name="resolution">The refused resolution.</param>
    /// <param name="rootName"><c>stage</c> or <c>publish</c>.</param>
    /// <returns>The problem.</returns>
    public static BlogProblem FromResolution(SafeRoot root, PathResolution resolution, string rootName)
    {
        var display = Display(resolution.Given);
        return resolution.Problem switch
        {
            PathProblem.Outside => Escape(display, root, rootName, resolution.Reason),
            PathProblem.NotFound => new BlogProblem(display, "not_found", $"'{display}' does not exist in the {root.Label}. Give a path relative to the {root.Label}.", Root: rootName),
            PathProblem.NotAFile => new BlogProblem(display, "not_a_file", $"'{display}' is not a regular file in the {root.Label} ({resolution.Reason}).", Root: rootName),
            PathProblem.TooLong => new BlogProblem(display, "path_too_long", $"'{display}' is too long: {resolution.Reason}.", Root: rootName),
            PathProblem.AccessDenied => new BlogProblem(display, "permission_denied", $"'{display}' cannot be reached: permission denied inside the {root.Label}. Check its permissions.", Root: rootName),
            _ => new BlogProblem(display, "invalid_path", $"'{display}' is not a usable path: {resolution.Reason}.", Root: rootName),
        };
    }

    /// <summary>A path escape problem; the message is the same whatever lies outside (nothing outside is examined).</summary>
    /// <param name="display">The display path.</param>
    /// <param name="root">The root.</param>
    /// <param name="rootName"><c>stage</c> or <c>publish</c>.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The problem.</returns>
    public static BlogProblem Escape(string display, SafeRoot root, string rootName, string? reason) =>
        new(display, BlogProblem.OutsideRoot,
            $"'{display}' is outside the {root.Label}. Give a path relative to the {root.Label}, without '..', '~', absolute paths, hard links or symbolic links that lead out of it.",
            Root: rootName, Reason: reason);

    /// <summary>Reports every escape to the security sink (audited as <c>security_violation</c>), then throws one error listing every problem.</summary>
    /// <param name="context">The call.</param>
    /// <param name="problems">The problems (at least one).</param>
    /// <param name="headline">The first sentence of the message.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>Never returns normally.</returns>
    public static async ValueTask<Exception> FailAsync(ToolContext context, IReadOnlyList<BlogProblem> problems, string headline, CancellationToken cancellationToken)
    {
        foreach (var escape in problems.Where(p => p.IsEscape))
        {
            await context.Security.ReportAsync(PathEscapeEvent, context.ToolName, new JsonObject
            {
                ["path"] = escape.File,
                ["root"] = escape.Root,
                ["reason"] = escape.Reason,
            }, cancellationToken).ConfigureAwait(false);
        }

        var code = problems.Any(p => p.IsEscape) ? BurlyErrorCodes.PathOutsideRoot : BurlyErrorCodes.InvalidArguments;
        var shown = problems.Take(MaxMessageProblems).Select(p => p.Message);
        var more = problems.Count > MaxMessageProblems ? $" … and {problems.Count - MaxMessageProblems} more (see details.problems)." : string.Empty;
        var message = $"{headline} {string.Join(" ", shown)}{more}";
        return new ToolException(code, message, new JsonObject
        {
            ["problems"] = new JsonArray(problems.Select(p => (JsonNode?)p.ToJson()).ToArray()),
        });
    }

    /// <summary>Returns a path as it may be shown: control characters escaped, at most 200 characters.</summary>
    /// <param name="given">The path as given.</param>
    /// <returns>The display form.</returns>
    public static string Display(string? given)
    {
        if (string.IsNullOrEmpty(given))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(Math.Min(given.Length, 210));
        foreach (var c in given)
        {
            if (sb.Length >= 200)
            {
                sb.Append('…');
                break;
            }

            sb.Append(c == '\0' ? "\\0" : char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return sb.ToString();
    }

    private static BlogProblem Changed(string display) =>
        new(display, "changed", $"'{display}' changed while it was being read. Retry when nothing else is writing to the {StageLabel}.");

    private static bool IsAllowed(string extension, PolicySettings settings) =>
        extension.Length > 0 && settings.AllowedBlogExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase);

    private static BlogProblem TooLarge(string display, long size, long max) =>
        new(display, "too_large", $"'{display}' is {(size > max ? $"{size} bytes" : "too large")}; the limit is {max} bytes (security.max_blog_file_size in the policy).");

    private static byte[] ReadBounded(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long expected, long max, out bool tooLarge)
    {
        // Read at most max + 1 bytes: a file that grew after the size check is still caught, and never read further.
        var buffer = new byte[(int)Math.Min(Math.Max(expected, 0) + 1, max + 1)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > max)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, max + 1));
            }

            var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        tooLarge = total > max;
        return tooLarge ? [] : buffer[..total];
    }

    private static SafeRoot? Open(string path, string label, bool create)
    {
        try
        {
            return SafeRoot.TryOpen(path, label, create);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ToolException(BurlyErrorCodes.DependencyUnavailable,
                $"The blog {label} cannot be opened (permission denied or I/O error). Check BLOG_STAGE_ROOT / BLOG_PUBLISH_ROOT and the directory permissions.", null, ex);
        }
    }

    private static void EnsureSupported()
    {
        if (!UnixFileSystem.IsSupported)
        {
            throw new ToolException(BurlyErrorCodes.DependencyUnavailable,
                "The blog tools need Linux: their path checks use statx and /proc to refuse links out of the blog directories. Run Burly on Linux or in its container.");
        }
    }
}
