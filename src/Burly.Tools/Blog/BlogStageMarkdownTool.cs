using System.Text.Json.Nodes;
using Burly.ToolPacks;

namespace Burly.Tools.Blog;

/// <summary>
/// <c>blog_stage_markdown</c>: validates one post in the staging directory. A post whose front matter or
/// encoding is wrong is a <b>successful</b> validation with <c>valid: false</c> and every error in
/// <c>validation_errors</c> (the tool did its job; as in the Python version's data shape). A file that cannot be
/// validated at all — outside the root (<c>PATH_OUTSIDE_ROOT</c>), missing, not a regular file, a disallowed
/// extension or over the size limit (<c>INVALID_ARGUMENTS</c>) — is a failed call listing every such problem.
/// </summary>
internal sealed class BlogStageMarkdownTool(BlogFiles files)
{
    public async ValueTask<ToolResult> RunAsync(ToolContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var given = context.GetString("file_path") ?? string.Empty;
        var stage = files.OpenStage();
        var problems = new List<BlogProblem>();
        var post = await BlogFiles.LoadAsync(stage, given, context.PolicySettings, problems, cancellationToken).ConfigureAwait(false);
        if (post is null)
        {
            throw await BlogFiles.FailAsync(context, problems, $"'{BlogFiles.Display(given)}' cannot be validated.", cancellationToken).ConfigureAwait(false);
        }

        var report = post.Report;
        var summary = report.IsValid
            ? $"Blog post validation passed - found {report.FrontMatter?.Count ?? 0} front-matter fields"
            : $"Blog post validation failed with {report.Errors.Count} error(s)";
        return ToolResult.Ok(summary, new JsonObject
        {
            ["valid"] = report.IsValid,
            ["front_matter"] = report.FrontMatter,
            ["validation_errors"] = new JsonArray(report.Errors.Select(e => (JsonNode?)e).ToArray()),
            ["file_path"] = given,
            ["file_size"] = post.Content.Length,
        });
    }
}
