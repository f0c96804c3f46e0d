using Burly.Health;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Burly's health checks.</summary>
public static class BurlyHealthServiceCollectionExtensions
{
    /// <summary>The timeout of each check.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Adds <see cref="HealthChecker"/> and the checks config, policy, audit (unhealthy when failing) and
    /// notifications (degraded when failing: the server still serves its other tools). Tool packs add their own
    /// checks with <c>builder.AddHealthCheck&lt;T&gt;(…)</c>. Each runs in parallel with a 5 s timeout.
    /// Called by <c>AddBurly</c>; safe to call again.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBurlyHealthChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(HealthChecker)))
        {
            return services;
        }

        services.TryAddSingleton<HealthChecker>();
        services.TryAddSingleton<INotificationHealthProbe, DefaultNotificationHealthProbe>();
        string[] tags = [BurlyHealthCheckNames.Tag];
        services.AddHealthChecks()
            .AddCheck<ConfigHealthCheck>(BurlyHealthCheckNames.Config, HealthStatus.Unhealthy, tags, CheckTimeout)
            .AddCheck<PolicyHealthCheck>(BurlyHealthCheckNames.Policy, HealthStatus.Unhealthy, tags, CheckTimeout)
            .AddCheck<AuditHealthCheck>(BurlyHealthCheckNames.Audit, HealthStatus.Unhealthy, tags, CheckTimeout)
            .AddCheck<NotificationsHealthCheck>(BurlyHealthCheckNames.Notifications, HealthStatus.Degraded, tags, CheckTimeout);
        return services;
    }
}
