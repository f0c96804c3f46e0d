using Burly.Configuration;
using Burly.Host.Http.Authentication;
using Burly.Host.Http.Hosting;
using Burly.Host.Http.Legacy;
using Burly.Host.Http.Limits;
using Burly.Host.Http.Responses;
using Burly.Host.Http.Security;
using Burly.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Registers Burly's HTTP endpoint on a web application builder.</summary>
public static class BurlyHttpWebApplicationBuilderExtensions
{
    /// <summary>The configuration section of the HTTP options.</summary>
    public const string HttpSection = "Burly:Http";

    /// <summary>
    /// Adds what <c>app.MapBurly(…)</c> needs: Burly itself when <c>services.AddBurly(…)</c> was not called yet (options from
    /// the <c>Burly</c> section), streamable HTTP MCP, the <c>Burly:Http</c> options (keys, origins, rate limit),
    /// the API-key authentication scheme and authorization policy, body limits, <c>Origin</c>/<c>Host</c> checks and the
    /// rate limiter. It adds no tool pack, no Kestrel listener and no fallback authorization policy: the application's
    /// own endpoints and authentication are left as they are (the API-key scheme becomes the default only when the
    /// application has none). Every setting is read when the services are resolved, so tests can override configuration.
    /// </summary>
    /// <param name="builder">The web application builder.</param>
    /// <param name="configure">Sets HTTP options in code, after configuration.</param>
    /// <returns>The Burly builder, to add tool packs.</returns>
    public static IBurlyBuilder AddBurlyHttp(this WebApplicationBuilder builder, Action<HttpHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var burly = services.AddBurly(builder.Configuration).AddBurlyHttpOptions(configure);

        services.AddMcpServer().WithHttpTransport().WithBurly(BurlyTransports.Http);
        services.Replace(ServiceDescriptor.Singleton<IMcpCallerResolver, HttpMcpCallerResolver>());
        services.AddSingleton<IConfigureOptions<HttpServerTransportOptions>, McpTransportSetup>();
        services.AddSingleton<IConfigureOptions<HostFilteringOptions>, HostFilteringSetup>();

        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<LegacyMeta>();
        services.AddSingleton<HttpErrorResponder>();
        services.AddSingleton<HttpSecurityAudit>();
        services.AddSingleton<SessionCounter>();
        services.AddSingleton<OriginPolicy>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationDefaults.AuthenticationScheme, null);
        services.PostConfigure<AuthenticationOptions>(o => o.DefaultScheme ??= ApiKeyAuthenticationDefaults.AuthenticationScheme);
        services.AddAuthorization(options => options.AddPolicy(ApiKeyAuthenticationDefaults.PolicyName, BurlyAccessPolicy()));
        services.AddBurlyRateLimiting();
        return burly;
    }

    /// <summary>Adds the <c>Burly:Http</c> options with their validators (also used by <c>burly config validate</c>-style checks).</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <param name="configure">Sets HTTP options in code, after configuration.</param>
    /// <returns>The Burly builder.</returns>
    public static IBurlyBuilder AddBurlyHttpOptions(this IBurlyBuilder builder, Action<HttpHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddOptionsSection(HttpSection, new HttpHostOptionsRules(), configure);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IBurlyConfigSection>(new HttpPortsSection()));
        return builder;
    }

    /// <summary>
    /// The stand-alone host's extras on top of <see cref="AddBurlyHttp"/>: single-line UTC console logging at
    /// <c>LOG_LEVEL</c>, Kestrel bound to <c>HOST</c>:<c>PORT</c> with Burly's limits, graceful shutdown,
    /// in-memory data protection, every endpoint behind the API key unless its path is public, and the startup summary.
    /// </summary>
    /// <param name="builder">The web application builder.</param>
    /// <param name="configure">Sets HTTP options in code, after configuration.</param>
    /// <returns>The Burly builder, to add tool packs.</returns>
    public static IBurlyBuilder AddBurlyHttpHost(this WebApplicationBuilder builder, Action<HttpHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ConfigureLogging(builder);
        var burly = builder.AddBurlyHttp(configure);
        var services = builder.Services;
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelSetup>();
        services.AddOptions<HostOptions>().Configure<IOptions<BurlyOptions>>((host, options) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(options.Value.Limits.ShutdownGraceSeconds));
        services.AddHostedService<StartupSummaryService>();

        // Nothing here protects data (no cookies, no antiforgery); keep authentication's data protection in memory, off the disk.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        // Data Protection's hosted service builds the XML key ring at start (System.Private.Xml, ≈ 3 MB resident) for a
        // key nobody uses: drop it, so the key ring is built only if something ever protects data.
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (IsDataProtectionWarmUp(services[i]))
            {
                services.RemoveAt(i);
            }
        }
        services.AddAuthorization(options =>
        {
            var policy = BurlyAccessPolicy();
            options.DefaultPolicy = policy;
            options.FallbackPolicy = policy; // any endpoint added later is protected unless its path is public
        });
        return burly;
    }

    /// <summary>Whether a registration is Data Protection's start-up key-ring warm-up (an internal hosted service).</summary>
    internal static bool IsDataProtectionWarmUp(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IHostedService)
        && descriptor.ImplementationType is { Name: "DataProtectionHostedService" } type
        && type.Assembly == typeof(IDataProtectionBuilder).Assembly;

    private static AuthorizationPolicy BurlyAccessPolicy() =>
        new AuthorizationPolicyBuilder(ApiKeyAuthenticationDefaults.AuthenticationScheme).AddRequirements(new BurlyAccessRequirement()).Build();

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(BurlyLogLevel.Parse(builder.Configuration["Burly:LogLevel"]));

        // The SDK and ASP.NET Core log every request at Information; keep their warnings only.
        builder.Logging.AddFilter("ModelContextProtocol", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    }
}
