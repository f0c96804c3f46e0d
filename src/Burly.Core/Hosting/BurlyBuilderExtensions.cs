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
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<TOptions>) && d.ImplementationInstance is BurlyConfigSection<TOptions>))
        {
            var section = new BurlyConfigSection<TOptions>(sectionPath, rules);
            services.AddOptions<TOptions>()
                .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(sectionPath).Bind(o))
                .ValidateOnStart();
            services.AddSingleton<IValidateOptions<TOptions>>(section);
            services.AddSingleton<IBurlyConfigSection>(section);
        }

        if (configure is not null)
        {
            services.PostConfigure(configure);
        }

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
    /// Adds a notification channel; it is used when its <see cref="INotificationChannel.Name"/> is listed in
    /// <c>NOTIFICATION_PROVIDERS</c> (<c>Burly:Notifications:Providers</c>). <c>console</c> is always registered.
    /// </summary>
    /// <typeparam name="TChannel">The channel type (created by DI, singleton).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddNotificationChannel<TChannel>(this IBurlyBuilder builder)
        where TChannel : class, INotificationChannel
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, TChannel>());
        return builder;
    }
}
