using Burly.Hosting;
using Burly.Tools.Blog;
using Burly.Tools.Notify;
using Burly.Tools.System;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Burly's built-in tool packs.</summary>
public static class BurlyToolsBuilderExtensions
{
    /// <summary>Adds the System pack (<c>disk_space</c>).</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddSystemTools(this IBurlyBuilder builder) => builder.AddToolPack<SystemToolPack>();

    /// <summary>Adds the Blog pack (<c>blog_stage_markdown</c>, <c>blog_publish_static</c>).</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddBlogTools(this IBurlyBuilder builder) => builder.AddToolPack<BlogToolPack>();

    /// <summary>Adds the Notify pack (<c>gotify_ping</c>).</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddNotifyTools(this IBurlyBuilder builder) => builder.AddToolPack<NotifyToolPack>();

    /// <summary>Adds every built-in pack.</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddBuiltInTools(this IBurlyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSystemTools().AddBlogTools().AddNotifyTools();
    }
}
