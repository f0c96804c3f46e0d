namespace Burly.Tools.Blog;

/// <summary>Why a caller-supplied path was refused.</summary>
internal enum PathProblem
{
    /// <summary>No problem.</summary>
    None,

    /// <summary>The path is malformed (empty, control characters, a file in the way, a link loop).</summary>
    Invalid,

    /// <summary>The path or one of its names is too long.</summary>
    TooLong,

    /// <summary>Nothing exists at the path inside the root.</summary>
    NotFound,

    /// <summary>The path names a directory, FIFO, socket or device, not a regular file.</summary>
    NotAFile,

    /// <summary>The path leads out of the root (or may alias a file outside it): a security violation.</summary>
    Outside,

    /// <summary>A directory on the way inside the root cannot be searched.</summary>
    AccessDenied,
}

/// <summary>The outcome of resolving a caller-supplied path inside a <see cref="SafeRoot"/>.</summary>
internal sealed record PathResolution
{
    /// <summary>Gets the path exactly as the caller gave it.</summary>
    public required string Given { get; init; }

    /// <summary>Gets the problem, or <see cref="PathProblem.None"/>.</summary>
    public PathProblem Problem { get; init; }

    /// <summary>Gets a short reason: for <see cref="PathProblem.Outside"/> one of <c>nul_byte</c>, <c>absolute_path</c>,
    /// <c>home_directory</c>, <c>parent_directory</c>, <c>symlink</c>, <c>hardlink</c>; otherwise a client-safe phrase.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the lexically normalised relative path (no <c>.</c>, <c>..</c> or empty names) when the path was well formed.</summary>
    public string? RelativePath { get; init; }

    /// <summary>Gets the absolute real path (symbolic links resolved) of the file, or of the destination when writing. Never shown to clients.</summary>
    public string? RealPath { get; init; }

    /// <summary>Gets the status of the file (reading) or of the existing destination entry (writing).</summary>
    public UnixFileStatus? Status { get; init; }

    /// <summary>Gets, when writing, the real path of the deepest existing directory of the destination.</summary>
    public string? ParentRealPath { get; init; }

    /// <summary>Gets, when writing, the directories to create below <see cref="ParentRealPath"/>, outermost first.</summary>
    public IReadOnlyList<string> MissingDirectories { get; init; } = [];

    /// <summary>Gets, when writing, the destination's file name.</summary>
    public string? FileName { get; init; }

    /// <summary>Gets, when writing, whether something already exists at the destination.</summary>
    public bool Exists { get; init; }

    /// <summary>Gets a value indicating whether the path was accepted.</summary>
    public bool IsOk => Problem == PathProblem.None;
}
