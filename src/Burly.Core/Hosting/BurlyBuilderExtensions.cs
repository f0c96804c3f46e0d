using Burly.Configuration;
using Burly.Health;
using Burly.Hosting;
using Burly.Notifications;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>What a tool pack brings through the builder: its options section, health check, server instructions, notification channel.</summary>
public static class BurlyBuilderExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="sectionPath"/> (when an <see cref="IConfiguration"/> is registered),
    /// validates it at start-up with its DataAnnotations and <paramref name="rules"/>, and lets <c>burly config validate</c>
    /// report its problems with the same validators.
    /// </summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="sectionPath">The section, e.g. <c>Burly:Docker</c>.</param>
    /// <param name="rules">Cross-field rules (FluentValidation), or <see langword="null"/>.</param>
    /// <param name="configure">Sets options in code, after binding.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddOptionsSection<TOptions>(this IBurlyBuilder builder, string sectionPath, IValidator<TOptions>? rules = null, Action<TOptions>? configure = null)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionPath);
        AddSection(builder.Services, sectionPath, rules, configure, channel: null);
        return builder;
    }

    /// <summary>Adds a health check reported by <c>/health</c> and <c>burly health</c> (5 s timeout, tagged <c>burly</c>).</summary>
    /// <typeparam name="TCheck">The check type (created by DI).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The check name, e.g. <c>docker</c>.</param>
    /// <param name="failureStatus">The status reported when the check fails; <see cref="HealthStatus.Degraded"/> by default, since the server still serves its other tools.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddHealthCheck<TCheck>(this IBurlyBuilder builder, string name, HealthStatus failureStatus = HealthStatus.Degraded)
        where TCheck : class, IHealthCheck
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.AddBurlyHealthChecks();
        builder.Services.Configure<HealthCheckServiceOptions>(o =>
        {
            if (!o.Registrations.Any(r => r.Name == name))
            {
                o.Registrations.Add(new HealthCheckRegistration(
                    name, sp => ActivatorUtilities.GetServiceOrCreateInstance<TCheck>(sp), failureStatus, [BurlyHealthCheckNames.Tag], BurlyHealthServiceCollectionExtensions.CheckTimeout));
            }
        });
        return builder;
    }

    /// <summary>Adds a sentence to the MCP server instructions (see <see cref="BurlyServerInstructions"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="text">The sentence.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddServerInstructions(this IBurlyBuilder builder, string text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        builder.Services.AddSingleton(new BurlyServerInstructions(text));
        return builder;
    }

    /// <summary>
    /// Adds a notification channel; it is used when <paramref name="name"/> is listed in <c>NOTIFICATION_PROVIDERS</c>
    /// (<c>Burly:Notifications:Providers</c>), and a name no channel is registered under is refused at start and by
    /// <c>burly config validate</c>. <c>console</c> is always registered.
    /// </summary>
    /// <typeparam name="TChannel">The channel type (created by DI, singleton). Its <see cref="INotificationChannel.Name"/> must equal <paramref name="name"/>.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The channel name: lower-case letters, digits, '-' and '_'.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddNotificationChannel<TChannel>(this IBurlyBuilder builder, string name)
        where TChannel : class, INotificationChannel
    {
        ArgumentNullException.ThrowIfNull(builder);
        NotificationChannelRegistration.ThrowIfInvalidName(name);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, TChannel>());
        if (!builder.Services.Any(d => d.ImplementationInstance is NotificationChannelRegistration r && r.Name == name))
        {
            builder.Services.AddSingleton(new NotificationChannelRegistration(name));
        }

        return builder;
    }

    /// <summary>
    /// Adds a notification channel (see <see cref="AddNotificationChannel{TChannel}(IBurlyBuilder, string)"/>) with its own
    /// options section: <typeparamref name="TOptions"/> is bound from <paramref name="sectionPath"/>, its DataAnnotations are
    /// always checked, and <paramref name="rules"/> apply only while the channel is in use (<c>NOTIFICATIONS_ENABLED</c> and
    /// <paramref name="name"/> listed in <c>NOTIFICATION_PROVIDERS</c>) — at start and by <c>burly config validate</c>.
    /// The channel reads its options through <c>IOptions&lt;TOptions&gt;</c>.
    /// </summary>
    /// <typeparam name="TChannel">The channel type (created by DI, singleton).</typeparam>
    /// <typeparam name="TOptions">The channel's options type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The channel name.</param>
    /// <param name="sectionPath">The options section, e.g. <c>Burly:Notifications:Gotify</c>.</param>
    /// <param name="rules">Rules checked while the channel is in use (FluentValidation; put the fix in <c>WithState</c>), or <see langword="null"/>.</param>
    /// <param name="configure">Sets options in code, after binding.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddNotificationChannel<TChannel, TOptions>(
        this IBurlyBuilder builder, string name, string sectionPath, IValidator<TOptions>? rules = null, Action<TOptions>? configure = null)
        where TChannel : class, INotificationChannel
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionPath);
        builder.AddNotificationChannel<TChannel>(name);
        AddSection(builder.Services, sectionPath, rules, configure, name);
        return builder;
    }

    private static void AddSection<TOptions>(IServiceCollection services, string sectionPath, IValidator<TOptions>? rules, Action<TOptions>? configure, string? channel)
        where TOptions : class, new()
    {
        if (!services.Any(d => d.ServiceType == typeof(IBurlyConfigSection) && d.ImplementationInstance is BurlyConfigSection<TOptions>))
        {
            var section = new BurlyConfigSection<TOptions>(sectionPath, rules, channel);
            services.AddOptions<TOptions>()
                .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(sectionPath).Bind(o))
                .ValidateOnStart();
            if (channel is null)
            {
                services.AddSingleton<IValidateOptions<TOptions>>(section);
            }
            else
            {
                services.AddSingleton<IValidateOptions<TOptions>>(sp => new NotificationChannelOptionsValidation<TOptions>(section, sp.GetRequiredService<IOptions<BurlyOptions>>()));
            }

            services.AddSingleton<IBurlyConfigSection>(section);
        }

        if (configure is not null)
        {
            services.PostConfigure(configure);
        }
    }
}
