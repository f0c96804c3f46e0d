using Burly.Configuration;
using Burly.ToolPacks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Burly.Tools.Blog;

/// <summary>
/// Blog tools: <c>blog_stage_markdown</c> (validate a staged post) and <c>blog_publish_static</c> (publish
/// staged posts, all or nothing). Both resolve paths by real path inside <c>BLOG_STAGE_ROOT</c> and
/// <c>BLOG_PUBLISH_ROOT</c>; limits (extensions, size, files per call) come from the policy.
/// </summary>
internal sealed class BlogToolPack : IToolPack
{
    private readonly BlogFiles _files;
    private readonly ILogger<BlogPublishStaticTool> _publishLogger;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The Burly options (data directory).</param>
    /// <param name="blog">The blog roots.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/>.</param>
    public BlogToolPack(IOptions<BurlyOptions> options, IOptions<BlogOptions> blog, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(blog);
        _files = new BlogFiles(options, blog);
        _publishLogger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BlogPublishStaticTool>();
    }

    /// <inheritdoc />
    public IEnumerable<ToolDefinition> GetTools()
    {
        yield return new ToolDefinition
        {
            Name = "blog_stage_markdown",
            Description = "Validate a Markdown file with YAML front matter in the blog staging directory.",
            DefaultSchema = ToolDefinition.Schema("""
                {"type":"object","properties":{"file_path":{"type":"string","minLength":1,"maxLength":1024}},
                 "required":["file_path"],"additionalProperties":false}
                """),
            Idempotent = true,
            OutputSchema = BuiltInOutputSchemas.BlogStage,
            Handler = new BlogStageMarkdownTool(_files).RunAsync,
        };

        yield return new ToolDefinition
        {
            Name = "blog_publish_static",
            Description = "Publish validated blog files from the staging to the publish directory (asks for confirmation).",
            DefaultSchema = ToolDefinition.Schema("""
                {"type":"object","properties":{"source_files":{"type":"array","items":{"type":"string","minLength":1,"maxLength":1024},"minItems":1,"maxItems":50},
                 "overwrite":{"type":"boolean"}},"required":["source_files"],"additionalProperties":false}
                """),
            Mutates = true,
            Idempotent = false,
            OutputSchema = BuiltInOutputSchemas.BlogPublish,
            Handler = new BlogPublishStaticTool(_files, _publishLogger).RunAsync,
        };
    }
}
