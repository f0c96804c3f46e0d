using System.Text.Json.Nodes;

namespace Burly.Tools.Blog;

/// <summary>One reason a blog file cannot be staged or published; client-safe (only the path as given).</summary>
/// <param name="File">The path as the caller gave it (display form).</param>
/// <param name="Kind">A stable snake_case kind: <c>path_outside_root</c>, <c>not_found</c>, <c>not_a_file</c>, <c>invalid_path</c>,
/// <c>path_too_long</c>, <c>permission_denied</c>, <c>extension_not_allowed</c>, <c>too_large</c>, <c>invalid_front_matter</c>,
/// <c>exists</c>, <c>duplicate</c>, <c>changed</c>.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Errors">For <c>invalid_front_matter</c>, every validation error.</param>
/// <param name="Root">Which root the path was resolved in: <c>stage</c> or <c>publish</c>.</param>
/// <param name="Reason">For <c>path_outside_root</c>, why (<c>symlink</c>, <c>hardlink</c>, <c>parent_directory</c>, …).</param>
internal sealed record BlogProblem(string File, string Kind, string Message, IReadOnlyList<string>? Errors = null, string? Root = null, string? Reason = null)
{
    /// <summary>The kind of a path that leads out of its root.</summary>
    public const string OutsideRoot = "path_outside_root";

    /// <summary>Gets a value indicating whether this is a security violation.</summary>
    public bool IsEscape => Kind == OutsideRoot;

    /// <summary>Returns the problem as JSON for error details.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["file"] = File, ["problem"] = Kind, ["message"] = Message };
        if (IsEscape && Reason is not null)
        {
            json["reason"] = Reason;
        }

        if (Errors is { Count: > 0 })
        {
            json["validation_errors"] = new JsonArray(Errors.Select(e => (JsonNode?)e).ToArray());
        }

        return json;
    }
}
