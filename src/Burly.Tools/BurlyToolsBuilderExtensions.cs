using Burly.Hosting;
using Burly.Tools.Blog;
using Burly.Tools.Command;
using Burly.Tools.Docker;
using Burly.Tools.Notify;
using Burly.Tools.System;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Burly's built-in tool packs.</summary>
public static class BurlyToolsBuilderExtensions
{
    /// <summary>Adds the System pack (<c>disk_space</c>).</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddSystemTools(this IBurlyBuilder builder) => builder.AddToolPack<SystemToolPack>();

    /// <summary>
    /// Adds the Docker pack (<c>docker_ps</c>, <c>docker_inspect</c>, <c>docker_logs</c>, <c>docker_stats</c>,
    /// <c>docker_restart</c>, <c>docker_start</c>, <c>docker_stop</c>) talking to the engine configured in
    /// <c>BurlyOptions.Docker</c> (<c>DOCKER_HOST</c>, <c>DOCKER_SOCKET</c>, <c>DOCKER_TIMEOUT</c>).
    /// </summary>
    /// <param name="builder">The Burly builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddDockerTools(this IBurlyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<DockerClientFactory>();
        builder.Services.TryAddSingleton<IDockerClientFactory>(sp => sp.GetRequiredService<DockerClientFactory>());
        builder.Services.TryAddSingleton<DockerGateway>();
        return builder.AddToolPack<DockerToolPack>();
    }

    /// <summary>Adds the Blog pack (<c>blog_stage_markdown</c>, <c>blog_publish_static</c>).</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddBlogTools(this IBurlyBuilder builder) => builder.AddToolPack<BlogToolPack>();

    /// <summary>Adds the Notify pack (<c>gotify_ping</c>).</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddNotifyTools(this IBurlyBuilder builder) => builder.AddToolPack<NotifyToolPack>();

    /// <summary>
    /// Adds policy-defined command tools: every policy entry with a <c>command:</c> argv becomes a tool that runs
    /// that program directly (no shell), with schema-validated arguments as whole argv elements, a sanitised
    /// environment, its own process group (killed whole on timeout) and capped output.
    /// </summary>
    /// <param name="builder">The Burly builder.</param>
    /// <param name="configure">Optional limits (working roots, PATH, output cap).</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddCommandTools(this IBurlyBuilder builder, Action<CommandToolOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<CommandToolOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Burly.ToolPacks.IPolicyToolFactory, CommandToolFactory>());
        return builder;
    }

    /// <summary>Adds every built-in pack.</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddBuiltInTools(this IBurlyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSystemTools().AddDockerTools().AddBlogTools().AddNotifyTools().AddCommandTools();
    }
}
