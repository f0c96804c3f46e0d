using Burly.Configuration;
using Burly.Health;
using Burly.Hosting;
using Burly.Notifications;
using Burly.Tools.Blog;
using Burly.Tools.Command;
using Burly.Tools.Docker;
using Burly.Tools.Notify;
using Burly.Tools.System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Burly's built-in tool packs.</summary>
public static class BurlyToolsBuilderExtensions
{
    /// <summary>Adds the System pack (<c>disk_space</c>; resources <c>burly://policy</c> and <c>burly://audit/recent</c>).</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddSystemTools(this IBurlyBuilder builder) =>
        builder.AddServerInstructions("System: report disk space of the host's mounts.").AddToolPack<SystemToolPack>()
            .AddResourcePack<ServerReadPack>();

    /// <summary>The configuration section of the Docker pack.</summary>
    public const string DockerSection = "Burly:Docker";

    /// <summary>The configuration section of the Blog pack.</summary>
    public const string BlogSection = "Burly:Blog";

    /// <summary>
    /// Adds the Docker pack (<c>docker_ps</c>, <c>docker_inspect</c>, <c>docker_logs</c>, <c>docker_stats</c>,
    /// <c>docker_restart</c>, <c>docker_start</c>, <c>docker_stop</c>; resource template <c>docker://containers/{name}/logs</c>,
    /// prompt <c>triage_unhealthy_container</c>, container-name completions) talking to the engine configured in the
    /// <c>Burly:Docker</c> section (<c>DOCKER_HOST</c>, <c>DOCKER_SOCKET</c>, <c>DOCKER_TIMEOUT</c>), with its
    /// <c>docker</c> health check and the <c>burly_mcp_docker_engine_up</c> gauge.
    /// </summary>
    /// <param name="builder">The Burly builder.</param>
    /// <param name="configure">Sets Docker options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddDockerTools(this IBurlyBuilder builder, Action<DockerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddOptionsSection(DockerSection, new DockerOptionsRules(), configure);
        builder.Services.TryAddSingleton<DockerEngineMetrics>();
        builder.Services.TryAddSingleton<IDockerEngineProbe, DockerEnginePing>();
        builder.Services.TryAddSingleton<DockerClientFactory>();
        builder.Services.TryAddSingleton<IDockerClientFactory>(sp => sp.GetRequiredService<DockerClientFactory>());
        builder.Services.TryAddSingleton<DockerGateway>();
        return builder
            .AddHealthCheck<DockerHealthCheck>(BurlyHealthCheckNames.Docker)
            .AddServerInstructions("Docker: list, inspect, read logs and stats of, and start/stop/restart the allow-listed containers of this host.")
            .AddToolPack<DockerToolPack>()
            .AddResourcePack<DockerReadPack>()
            .AddPromptPack<DockerReadPack>();
    }

    /// <summary>
    /// Adds the Blog pack (<c>blog_stage_markdown</c>, <c>blog_publish_static</c>) over the directories of the
    /// <c>Burly:Blog</c> section (<c>BLOG_STAGE_ROOT</c>, <c>BLOG_PUBLISH_ROOT</c>), with its <c>blog</c> health check.
    /// </summary>
    /// <param name="builder">The Burly builder.</param>
    /// <param name="configure">Sets blog options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddBlogTools(this IBurlyBuilder builder, Action<BlogOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<BlogDirectoriesInitializer>();
        return builder.AddOptionsSection(BlogSection, null, configure)
            .AddHealthCheck<BlogDirectoriesHealthCheck>(BurlyHealthCheckNames.Blog)
            .AddServerInstructions("Blog: validate staged Markdown posts and publish them to the static site directory.")
            .AddToolPack<BlogToolPack>();
    }

    /// <summary>The configuration section of the <c>gotify</c> notification channel.</summary>
    public const string GotifySection = "Burly:Notifications:Gotify";

    /// <summary>The configuration section of the <c>webhook</c> notification channel.</summary>
    public const string WebhookSection = "Burly:Notifications:Webhook";

    /// <summary>Adds the Notify pack (<c>gotify_ping</c>) and the Gotify notification channel.</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <param name="configure">Sets Gotify options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddNotifyTools(this IBurlyBuilder builder, Action<GotifyOptions>? configure = null) =>
        builder.AddGotifyNotifications(configure)
            .AddServerInstructions("Notifications: send a test message to the configured Gotify server.")
            .AddToolPack<NotifyToolPack>();

    /// <summary>
    /// Adds the <c>gotify</c> notification channel with its options section <c>Burly:Notifications:Gotify</c> (<c>GOTIFY_URL</c>,
    /// <c>GOTIFY_TOKEN</c>/<c>GOTIFY_TOKEN_FILE</c>; URL and token are required while the channel is in use) and its health
    /// status (Gotify's <c>GET /health</c>).
    /// </summary>
    /// <param name="builder">The Burly builder.</param>
    /// <param name="configure">Sets Gotify options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddGotifyNotifications(this IBurlyBuilder builder, Action<GotifyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpClient(GotifyClient.HttpClientName).RemoveAllLoggers();
        builder.Services.TryAddSingleton(sp => new GotifyClient(
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<GotifyOptions>>(), sp.GetRequiredService<ILogger<GotifyClient>>()));
        return builder.AddNotificationChannel<GotifyNotificationProvider, GotifyOptions>(GotifyNotificationProvider.ChannelName, GotifySection, new GotifyOptionsRules(), configure);
    }

    /// <summary>
    /// Adds the <c>webhook</c> notification channel with its options section <c>Burly:Notifications:Webhook</c>
    /// (<c>WEBHOOK_NOTIFICATION_URL</c>, required while the channel is in use).
    /// </summary>
    /// <param name="builder">The Burly builder.</param>
    /// <param name="configure">Sets webhook options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddWebhookNotifications(this IBurlyBuilder builder, Action<WebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpClient(WebhookNotificationProvider.HttpClientName).RemoveAllLoggers();
        return builder.AddNotificationChannel<WebhookNotificationProvider, WebhookOptions>(WebhookNotificationProvider.ChannelName, WebhookSection, new WebhookOptionsRules(), configure);
    }

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
        return builder.AddSystemTools().AddDockerTools().AddBlogTools().AddNotifyTools().AddWebhookNotifications().AddCommandTools();
    }
}
