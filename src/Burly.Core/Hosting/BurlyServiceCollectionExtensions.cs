using System.Diagnostics.Metrics;
using Burly;
using Burly.Audit;
using Burly.Confirmation;
using Burly.Configuration;
using Burly.Hosting;
using Burly.Metrics;
using Burly.Notifications;
using Burly.Pipeline;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Burly: options, policy, pipeline, audit, metrics.</summary>
public static class BurlyServiceCollectionExtensions
{
    /// <summary>Adds Burly with options bound from the <c>Burly</c> section of <paramref name="configuration"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root.</param>
    /// <returns>A builder to add tool packs.</returns>
    public static IBurlyBuilder AddBurly(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BurlyOptions>().Bind(configuration.GetSection(BurlyOptions.SectionName)).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Adds Burly with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets options.</param>
    /// <returns>A builder to add tool packs.</returns>
    public static IBurlyBuilder AddBurly(this IServiceCollection services, Action<BurlyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<BurlyOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Adds a tool pack; its tools are exposed where the policy enables them.</summary>
    /// <typeparam name="TPack">The pack type (created by DI).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddToolPack<TPack>(this IBurlyBuilder builder)
        where TPack : class, IToolPack
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IToolPack, TPack>());
        return builder;
    }

    private static BurlyBuilder AddCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ToolCallPipeline)))
        {
            return new BurlyBuilder(services); // AddBurly was called before (e.g. by AddBurlyHttp): options bound again, nothing registered twice
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BurlyOptions>, BurlyOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging(); // TryAdd: works whether the application registers logging providers before or after AddBurly
        services.TryAddSingleton(sp => new BurlyMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IToolCatalog, ToolCatalog>();
        services.TryAddSingleton<Burly.Resources.ReadCatalog>();
        services.TryAddSingleton(sp => new PolicyLoader(sp.GetRequiredService<IToolCatalog>(), () => sp.GetRequiredService<Burly.Resources.ReadCatalog>()));
        services.TryAddSingleton(sp => new PolicyStore(sp.GetRequiredService<PolicyLoader>(), sp.GetRequiredService<IOptions<BurlyOptions>>()));
        services.TryAddSingleton<IPolicyProvider>(sp => sp.GetRequiredService<PolicyStore>());
        services.TryAddSingleton<IAuditLog>(sp => new JsonlAuditLog(
            sp.GetRequiredService<IOptions<BurlyOptions>>(), sp.GetRequiredService<ILogger<JsonlAuditLog>>(), sp.GetRequiredService<BurlyMetrics>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IPolicyProvider>()));
        services.TryAddSingleton<RejectionAuditSampler>();
        services.AddHostedService<RejectionAuditFlushService>(); // writes the pending rejections_summary records at shutdown
        services.TryAddSingleton<IToolAuthorizer, PolicyToolAuthorizer>();
        services.TryAddSingleton<ConfirmationStateProtector>();
        services.TryAddSingleton<ApprovalStore>();
        AddNotifications(services);
        services.TryAddSingleton(sp => new SecurityEventSink(
            sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<BurlyMetrics>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SecurityEventSink>>(),
            sp.GetServices<ISecurityViolationObserver>()));
        services.TryAddSingleton(sp => new ToolCallPipeline(
            sp.GetRequiredService<IPolicyProvider>(),
            sp.GetRequiredService<IToolCatalog>(),
            sp.GetRequiredService<IToolAuthorizer>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<BurlyMetrics>(),
            sp.GetServices<IToolCallObserver>(),
            sp.GetRequiredService<IOptions<BurlyOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp,
            sp.GetRequiredService<SecurityEventSink>(),
            sp.GetRequiredService<ApprovalStore>(),
            sp.GetRequiredService<ILogger<ToolCallPipeline>>()));
        services.TryAddSingleton<IBurlyToolInvoker>(sp => sp.GetRequiredService<ToolCallPipeline>());
        services.AddBurlyHealthChecks();
        return new BurlyBuilder(services);
    }

    /// <summary>
    /// Notifications are always registered: with <c>NOTIFICATIONS_ENABLED=false</c> the manager queues nothing and the
    /// dispatcher exits at once, while <see cref="NotificationManager.TestAsync"/> and health checks can still use the
    /// configured channels. <c>console</c> is built in; other channels come from <c>builder.AddNotificationChannel&lt;T&gt;(name)</c>.
    /// </summary>
    private static void AddNotifications(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel>(new ConsoleNotificationProvider(() => Console.Error)));
        services.AddSingleton(new NotificationChannelRegistration(ConsoleNotificationProvider.ChannelName));
        services.TryAddSingleton(sp => new NotificationManager(
            sp.GetRequiredService<IOptions<BurlyOptions>>(),
            sp.GetRequiredService<IPolicyProvider>(),
            sp.GetServices<INotificationChannel>(),
            sp.GetRequiredService<BurlyMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<NotificationManager>>()));
        services.TryAddSingleton(sp => new NotificationEventObserver(
            sp.GetRequiredService<NotificationManager>(), sp.GetRequiredService<IPolicyProvider>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IToolCallObserver, NotificationEventObserver>(sp => sp.GetRequiredService<NotificationEventObserver>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecurityViolationObserver, NotificationEventObserver>(sp => sp.GetRequiredService<NotificationEventObserver>()));
        services.AddHostedService(sp => new NotificationDispatchService(sp.GetRequiredService<NotificationManager>()));
    }
}
