using System.Text;

namespace Burly.Tools.Blog;

/// <summary>
/// A directory inside which caller-supplied relative paths are resolved by <b>real path</b>, one name at a time,
/// so that nothing outside it is ever read, listed, created or overwritten and the existence of outside paths
/// is never revealed.
/// </summary>
/// <remarks>
/// <para>Rules: the path must be relative (no leading <c>/</c>, no <c>~</c>), contain no NUL or control
/// characters, be at most <see cref="MaxPathLength"/> characters with names of at most 255 bytes, and never
/// climb above the root, lexically or physically. Every name is examined with <c>lstat</c> before it is used:
/// symbolic links are expanded by the resolver itself and must stay inside the root at every step (a relative
/// target is resolved from the link's directory; an absolute target must start with the root's real or configured
/// path). Resolution stops the moment a step would leave the root, so an outside path is never examined. The root
/// itself is resolved to its real path once (it may be a symbolic link the operator set up).</para>
/// <para>A regular file with more than one hard link is refused too: it may be the same inode as a file outside.
/// Names are used exactly as given (no Unicode normalisation): a look-alike such as <c>．．</c> is just a name.</para>
/// <para>Callers that open the result re-check the opened descriptor (<see cref="UnixFileSystem.GetOpenedPath"/>,
/// <see cref="UnixFileSystem.FStat"/>), which closes the window between resolving and opening.</para>
/// </remarks>
internal sealed class SafeRoot
{
    /// <summary>The longest accepted path, in characters (also the policy schema's <c>maxLength</c>).</summary>
    public const int MaxPathLength = 1024;

    /// <summary>The longest accepted name, in UTF-8 bytes (<c>NAME_MAX</c>).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>How many symbolic links one resolution may expand (Linux's <c>MAXSYMLINKS</c>).</summary>
    public const int MaxLinkExpansions = 40;

    private readonly string[] _rootParts;

    private SafeRoot(string label, string configuredPath, string realPath)
    {
        Label = label;
        ConfiguredPath = configuredPath;
        RealPath = realPath;
        _rootParts = Split(realPath);
    }

    /// <summary>Gets the human name used in messages, e.g. <c>staging directory</c>.</summary>
    public string Label { get; }

    /// <summary>Gets the root as configured (absolute, no trailing separator). Never shown to clients.</summary>
    public string ConfiguredPath { get; }

    /// <summary>Gets the root's real path. Never shown to clients.</summary>
    public string RealPath { get; }

    /// <summary>Resolves a configured root directory to its real path.</summary>
    /// <param name="configuredPath">The directory (absolute or relative to the working directory).</param>
    /// <param name="label">The human name used in messages.</param>
    /// <param name="create">Create the directory when it does not exist.</param>
    /// <returns>The root, or <see langword="null"/> when it does not exist or is not a directory.</returns>
    public static SafeRoot? TryOpen(string configuredPath, string label, bool create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuredPath);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(configuredPath));
        if (create && UnixFileSystem.LStat(full) is null)
        {
            Directory.CreateDirectory(full);
        }

        var real = ResolveAbsoluteDirectory(full);
        return real is null ? null : new SafeRoot(label, full, real);
    }

    /// <summary>Returns whether an absolute real path is the root or inside it.</summary>
    /// <param name="realPath">The path.</param>
    /// <returns><see langword="true"/> when contained.</returns>
    public bool Contains(string realPath) =>
        realPath == RealPath || realPath.StartsWith(RealPath == "/" ? "/" : RealPath + "/", StringComparison.Ordinal);

    /// <summary>Resolves a path to an existing regular file with a single link, inside the root.</summary>
    /// <param name="given">The path as the caller gave it.</param>
    /// <returns>The resolution.</returns>
    public PathResolution ResolveExistingFile(string given)
    {
        var pre = Precheck(given, out var names, out var relative);
        if (pre is not null)
        {
            return pre;
        }

        var current = new List<string>(_rootParts);
        var pending = PendingOf(names);
        try
        {
            var walk = Walk(current, pending, given, checkLinkCount: true);
            return walk with { RelativePath = relative };
        }
        catch (UnauthorizedAccessException)
        {
            return Refuse(given, PathProblem.AccessDenied, "permission denied");
        }
        catch (IOException)
        {
            return Refuse(given, PathProblem.Invalid, "it cannot be resolved");
        }
    }

    /// <summary>
    /// Resolves where a file would be written: existing directories must stay inside the root (links included);
    /// missing ones are listed for <see cref="CreateDirectories"/>; an existing destination is reported, and a
    /// destination that is a symbolic link leading out of the root is refused.
    /// </summary>
    /// <param name="given">The relative destination path.</param>
    /// <returns>The resolution.</returns>
    public PathResolution ResolveDestination(string given)
    {
        var pre = Precheck(given, out var names, out var relative);
        if (pre is not null)
        {
            return pre;
        }

        var current = new List<string>(_rootParts);
        var pending = PendingOf(names);
        var missing = new List<string>();
        var links = 0;
        try
        {
            while (pending.Count > 0)
            {
                var name = pending.Pop();
                var isLast = pending.Count == 0;
                if (name == "..")
                {
                    if (missing.Count > 0)
                    {
                        return Refuse(given, PathProblem.Invalid, "it goes back out of a directory that does not exist");
                    }

                    if (current.Count == _rootParts.Length)
                    {
                        return Refuse(given, PathProblem.Outside, "parent_directory");
                    }

                    current.RemoveAt(current.Count - 1);
                    continue;
                }

                if (missing.Count > 0)
                {
                    missing.Add(name);
                    continue;
                }

                var path = Join(current, name);
                var status = UnixFileSystem.LStat(path);
                if (status is null)
                {
                    missing.Add(name);
                    continue;
                }

                switch (status.Value.Kind)
                {
                    case UnixFileKind.SymbolicLink when isLast:
                        // Never written through (rename replaces the link itself), but a link out of the root is still an escape.
                        if (LinkLeavesRoot(UnixFileSystem.ReadLink(path), current, given))
                        {
                            return Refuse(given, PathProblem.Outside, "symlink");
                        }

                        return Destination(given, relative, current, [], name, status, exists: true);

                    case UnixFileKind.SymbolicLink:
                        if (++links > MaxLinkExpansions)
                        {
                            return Refuse(given, PathProblem.Invalid, "too many symbolic links");
                        }

                        if (!PushLinkTarget(UnixFileSystem.ReadLink(path), current, pending))
                        {
                            return Refuse(given, PathProblem.Outside, "symlink");
                        }

                        continue;

                    case UnixFileKind.Directory when isLast:
                        return Refuse(given, PathProblem.NotAFile, "it is a directory");

                    case UnixFileKind.Directory:
                        current.Add(name);
                        continue;

                    case UnixFileKind.Regular when isLast:
                        return Destination(given, relative, current, [], name, status, exists: true);

                    case UnixFileKind.Other when isLast:
                        return Refuse(given, PathProblem.NotAFile, "it is not a regular file");

                    default:
                        return Refuse(given, PathProblem.Invalid, "a file is in the way of a directory");
                }
            }
        }
        catch (UnauthorizedAccessException)
        {
            return Refuse(given, PathProblem.AccessDenied, "permission denied");
        }
        catch (IOException)
        {
            return Refuse(given, PathProblem.Invalid, "it cannot be resolved");
        }

        if (missing.Count == 0)
        {
            return Refuse(given, PathProblem.NotAFile, "it names a directory");
        }

        return Destination(given, relative, current, missing[..^1], missing[^1], null, exists: false);
    }

    /// <summary>
    /// Creates a destination's missing directories one level at a time, re-checking each with <c>lstat</c> after
    /// creating it (a symbolic link raced into its place is refused).
    /// </summary>
    /// <param name="destination">A destination from <see cref="ResolveDestination"/>.</param>
    /// <param name="created">Receives the directories created (for rollback), outermost first.</param>
    /// <returns>The real path of the directory the file goes into, or <see langword="null"/> when a created directory is not a plain directory.</returns>
    public string? CreateDirectories(PathResolution destination, List<string> created)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(created);
        var parent = destination.ParentRealPath ?? throw new ArgumentException("Not a destination resolution.", nameof(destination));
        if (!Contains(parent) || UnixFileSystem.LStat(parent) is not { Kind: UnixFileKind.Directory })
        {
            return null;
        }

        foreach (var name in destination.MissingDirectories)
        {
            var dir = parent + "/" + name;
            if (UnixFileSystem.LStat(dir) is null)
            {
                Directory.CreateDirectory(dir);
                created.Add(dir);
            }

            if (UnixFileSystem.LStat(dir) is not { Kind: UnixFileKind.Directory })
            {
                return null;
            }

            parent = dir;
        }

        return parent;
    }

    private static PathResolution? Precheck(string given, out List<string> names, out string? relative)
    {
        names = [];
        relative = null;
        if (string.IsNullOrEmpty(given))
        {
            return Refuse(given ?? string.Empty, PathProblem.Invalid, "it is empty");
        }

        if (given.Contains('\0', StringComparison.Ordinal))
        {
            return Refuse(given, PathProblem.Outside, "nul_byte");
        }

        if (given.Length > MaxPathLength)
        {
            return Refuse(given, PathProblem.TooLong, $"it is longer than {MaxPathLength} characters");
        }

        if (given[0] == '/')
        {
            return Refuse(given, PathProblem.Outside, "absolute_path");
        }

        if (given.StartsWith('~'))
        {
            return Refuse(given, PathProblem.Outside, "home_directory");
        }

        if (given.Any(char.IsControl))
        {
            return Refuse(given, PathProblem.Invalid, "it contains control characters");
        }

        if (given.EndsWith('/'))
        {
            return Refuse(given, PathProblem.NotAFile, "it ends with '/'");
        }

        var normal = new List<string>();
        foreach (var part in given.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            names.Add(part);
            if (part == "..")
            {
                if (normal.Count == 0)
                {
                    return Refuse(given, PathProblem.Outside, "parent_directory");
                }

                normal.RemoveAt(normal.Count - 1);
                continue;
            }

            if (Encoding.UTF8.GetByteCount(part) > MaxNameBytes)
            {
                return Refuse(given, PathProblem.TooLong, $"a name in it is longer than {MaxNameBytes} bytes");
            }

            normal.Add(part);
        }

        if (normal.Count == 0)
        {
            return Refuse(given, PathProblem.NotAFile, "it names the directory itself");
        }

        relative = string.Join('/', normal);
        return null;
    }

    /// <summary>Walks existing entries to a regular file; every step stays inside the root.</summary>
    private PathResolution Walk(List<string> current, Stack<string> pending, string given, bool checkLinkCount)
    {
        var links = 0;
        UnixFileStatus? file = null;
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (file is not null)
            {
                return Refuse(given, PathProblem.NotFound, "a file is used as a directory");
            }

            if (name == "..")
            {
                if (current.Count == _rootParts.Length)
                {
                    return Refuse(given, PathProblem.Outside, "parent_directory");
                }

                current.RemoveAt(current.Count - 1);
                continue;
            }

            var path = Join(current, name);
            var status = UnixFileSystem.LStat(path);
            if (status is null)
            {
                return Refuse(given, PathProblem.NotFound, "it does not exist");
            }

            switch (status.Value.Kind)
            {
                case UnixFileKind.SymbolicLink:
                    if (++links > MaxLinkExpansions)
                    {
                        return Refuse(given, PathProblem.Invalid, "too many symbolic links");
                    }

                    if (!PushLinkTarget(UnixFileSystem.ReadLink(path), current, pending))
                    {
                        return Refuse(given, PathProblem.Outside, "symlink");
                    }

                    break;
                case UnixFileKind.Directory:
                    current.Add(name);
                    break;
                case UnixFileKind.Regular:
                    current.Add(name);
                    file = status;
                    break;
                default:
                    return Refuse(given, PathProblem.NotAFile, "it is not a regular file");
            }
        }

        if (file is not { } found)
        {
            return Refuse(given, PathProblem.NotAFile, "it is a directory");
        }

        if (checkLinkCount && found.LinkCount > 1)
        {
            return Refuse(given, PathProblem.Outside, "hardlink");
        }

        return new PathResolution { Given = given, RealPath = "/" + string.Join('/', current), Status = found };
    }

    /// <summary>
    /// Queues a link's target for resolution. A relative target continues from the link's directory
    /// (<paramref name="current"/>); an absolute one must start with the root's real or configured path and
    /// continues from the root. Returns <see langword="false"/> for an absolute target elsewhere (not examined).
    /// </summary>
    private bool PushLinkTarget(string target, List<string> current, Stack<string> pending)
    {
        var rest = LinkTargetPending(target, current, out var restart);
        if (rest is null)
        {
            return false;
        }

        if (!ReferenceEquals(restart, current))
        {
            current.Clear();
            current.AddRange(restart);
        }

        foreach (var name in rest.Reverse())
        {
            pending.Push(name);
        }

        return true;
    }

    /// <summary>Whether a link's target leads out of the root (the link itself is never followed for writing).</summary>
    private bool LinkLeavesRoot(string target, List<string> linkDirectory, string given)
    {
        var pending = LinkTargetPending(target, linkDirectory, out var start);
        if (pending is null)
        {
            return true;
        }

        var probe = Walk(new List<string>(start), pending, given, checkLinkCount: false);
        return probe.Problem == PathProblem.Outside;
    }

    private Stack<string>? LinkTargetPending(string target, List<string> current, out List<string> restart)
    {
        restart = current;
        if (target.Length == 0 || target.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var relative = target;
        if (target[0] == '/')
        {
            if (StripPrefix(target, RealPath) is { } underReal)
            {
                relative = underReal;
            }
            else if (StripPrefix(target, ConfiguredPath) is { } underConfigured)
            {
                relative = underConfigured;
            }
            else
            {
                return null;
            }

            restart = new List<string>(_rootParts);
        }

        return PendingOf(relative.Split('/').Where(n => n is not ("" or ".")).ToList());
    }

    private static string? StripPrefix(string path, string prefix)
    {
        if (prefix == "/")
        {
            return path;
        }

        if (path == prefix)
        {
            return string.Empty;
        }

        return path.StartsWith(prefix + "/", StringComparison.Ordinal) ? path[(prefix.Length + 1)..] : null;
    }

    /// <summary>The real path of an absolute directory (the root itself): every link expanded, nothing contained.</summary>
    private static string? ResolveAbsoluteDirectory(string absolute)
    {
        var current = new List<string>();
        var pending = PendingOf(Split(absolute).ToList());
        var links = 0;
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (name == "..")
            {
                if (current.Count > 0)
                {
                    current.RemoveAt(current.Count - 1);
                }

                continue;
            }

            var path = Join(current, name);
            var status = UnixFileSystem.LStat(path);
            switch (status?.Kind)
            {
                case UnixFileKind.Directory:
                    current.Add(name);
                    break;
                case UnixFileKind.SymbolicLink when ++links <= MaxLinkExpansions:
                    var target = UnixFileSystem.ReadLink(path);
                    if (target.StartsWith('/'))
                    {
                        current.Clear();
                    }

                    foreach (var part in Split(target).Reverse())
                    {
                        pending.Push(part);
                    }

                    break;
                default:
                    return null;
            }
        }

        return "/" + string.Join('/', current);
    }

    private static Stack<string> PendingOf(IReadOnlyList<string> names)
    {
        var stack = new Stack<string>(names.Count);
        for (var i = names.Count - 1; i >= 0; i--)
        {
            stack.Push(names[i]);
        }

        return stack;
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(n => n != ".").ToArray();

    private static string Join(List<string> current, string name) => "/" + string.Join('/', current.Append(name));

    private static PathResolution Refuse(string given, PathProblem problem, string reason) => new() { Given = given, Problem = problem, Reason = reason };

    private static PathResolution Destination(string given, string? relative, List<string> parent, IReadOnlyList<string> missing, string name, UnixFileStatus? status, bool exists)
    {
        var parentPath = "/" + string.Join('/', parent);
        var real = (parentPath == "/" ? string.Empty : parentPath) + "/" + string.Join('/', missing.Append(name));
        return new PathResolution
        {
            Given = given,
            RelativePath = relative,
            RealPath = real,
            ParentRealPath = parentPath,
            MissingDirectories = missing,
            FileName = name,
            Status = status,
            Exists = exists,
        };
    }
}
