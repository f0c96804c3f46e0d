using Burly.Audit;
using Burly.Configuration;
using Burly.Hosting;
using Burly.Metrics;
using Burly.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers policy hot reload for long-running hosts (not for one-shot CLI commands).</summary>
public static class PolicyReloadServiceCollectionExtensions
{
    /// <summary>Watches <c>POLICY_FILE</c>/<c>POLICY_DIR</c> (unless <c>Burly:Policy:Watch</c> is false) and handles <c>SIGHUP</c>, reloading the policy.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBurlyPolicyReload(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(PolicyReloadService)))
        {
            return services;
        }

        services.TryAddSingleton(sp => new PolicyReloadService(
            sp.GetRequiredService<PolicyStore>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<BurlyMetrics>(),
            sp.GetRequiredService<IOptions<BurlyOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PolicyReloadService>>(),
            sp.GetService<BurlyMcpTransport>()));
        services.AddHostedService(sp => sp.GetRequiredService<PolicyReloadService>());
        return services;
    }
}
