namespace Burly;

/// <summary>The stable error codes of Burly; clients may branch on them.</summary>
public static class BurlyErrorCodes
{
    /// <summary>The tool does not exist or the policy does not enable it.</summary>
    public const string UnknownTool = "UNKNOWN_TOOL";

    /// <summary>The caller may not use this tool or target.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>The arguments do not match the tool's schema or limits.</summary>
    public const string InvalidArguments = "INVALID_ARGUMENTS";

    /// <summary>The tool mutates and needs confirmation first.</summary>
    public const string ConfirmationRequired = "CONFIRMATION_REQUIRED";

    /// <summary>A person declined the confirmation.</summary>
    public const string ConfirmationDeclined = "CONFIRMATION_DECLINED";

    /// <summary>No execution slot became free in time.</summary>
    public const string Busy = "BUSY";

    /// <summary>The tool ran longer than its <c>timeout_sec</c>.</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>The tool failed.</summary>
    public const string ToolFailed = "TOOL_FAILED";

    /// <summary>A system the tool needs (Docker engine, Gotify) is not reachable.</summary>
    public const string DependencyUnavailable = "DEPENDENCY_UNAVAILABLE";

    /// <summary>A path resolves outside its allowed root.</summary>
    public const string PathOutsideRoot = "PATH_OUTSIDE_ROOT";

    /// <summary>No or a wrong API key.</summary>
    public const string AuthRequired = "AUTH_REQUIRED";

    /// <summary>Too many requests.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>The request body is too large.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>The client cancelled the call while it ran (for a mutating tool: whether the change was made is unknown).</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>An internal error (e.g. the audit log cannot be written for a mutating call).</summary>
    public const string Internal = "INTERNAL";

    /// <summary>Gets every code.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        UnknownTool, Forbidden, InvalidArguments, ConfirmationRequired, ConfirmationDeclined, Busy, Timeout, ToolFailed,
        DependencyUnavailable, PathOutsideRoot, AuthRequired, RateLimited, RequestTooLarge, Cancelled, Internal,
    ];
}
