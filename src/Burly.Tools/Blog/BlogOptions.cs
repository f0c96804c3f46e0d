namespace Burly.Configuration;

/// <summary>Blog directories used by the blog tools.</summary>
public sealed class BlogOptions
{
    /// <summary>Gets or sets the staging directory (<c>BLOG_STAGE_ROOT</c>).</summary>
    /// <value>The default value is <see langword="null"/>: <c>blog/stage</c> under the data directory.</value>
    public string? StageRoot { get; set; }

    /// <summary>Gets or sets the publish directory (<c>BLOG_PUBLISH_ROOT</c>).</summary>
    /// <value>The default value is <see langword="null"/>: <c>blog/publish</c> under the data directory.</value>
    public string? PublishRoot { get; set; }

    /// <summary>Returns the stage root in effect.</summary>
    /// <param name="options">The root options.</param>
    /// <returns>An absolute directory path.</returns>
    public string ResolveStageRoot(BurlyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(StageRoot) ? Path.Combine(options.ResolveDataDirectory(), "blog", "stage") : Path.GetFullPath(StageRoot);
    }

    /// <summary>Returns the publish root in effect.</summary>
    /// <param name="options">The root options.</param>
    /// <returns>An absolute directory path.</returns>
    public string ResolvePublishRoot(BurlyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(PublishRoot) ? Path.Combine(options.ResolveDataDirectory(), "blog", "publish") : Path.GetFullPath(PublishRoot);
    }
}
