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
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Registers Burly's HTTP host on a web application builder.</summary>
public static class BurlyHttpWebApplicationBuilderExtensions
{
    /// <summary>
    /// Adds Burly (options from the <c>Burly</c> section, the built-in tool packs), streamable HTTP MCP, API key
    /// authentication, the rate limiter, Kestrel limits, host filtering, graceful shutdown and the startup summary.
    /// Every setting is read when the services are resolved, so tests can override configuration.
    /// </summary>
    /// <param name="builder">The builder (from <see cref="Burly.Host.Http.BurlyHttpApplication.CreateBuilder"/>).</param>
    /// <returns>The Burly builder, to add more tool packs.</returns>
    public static IBurlyBuilder AddBurlyHttp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ConfigureLogging(builder);
        var services = builder.Services;
        var burly = services.AddBurly(builder.Configuration).AddBuiltInTools();

        services.AddMcpServer().WithHttpTransport().WithBurly("http");
        services.AddSingleton<IConfigureOptions<HttpServerTransportOptions>, McpTransportSetup>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelSetup>();
        services.AddSingleton<IConfigureOptions<HostFilteringOptions>, HostFilteringSetup>();
        services.AddOptions<HostOptions>().Configure<IOptions<BurlyOptions>>((host, options) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(options.Value.Limits.ShutdownGraceSeconds));

        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<LegacyMeta>();
        services.AddSingleton<HttpErrorResponder>();
        services.AddSingleton<HttpSecurityAudit>();
        services.AddSingleton<OriginPolicy>();
        services.AddHostedService<StartupSummaryService>();

        // Nothing here protects data (no cookies, no antiforgery); keep authentication's data protection in memory, off the disk.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(ApiKeyAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationDefaults.AuthenticationScheme, null);
        services.AddAuthorization(options =>
        {
            var policy = new AuthorizationPolicyBuilder().AddRequirements(new BurlyAccessRequirement()).Build();
            options.AddPolicy(ApiKeyAuthenticationDefaults.PolicyName, policy);
            options.DefaultPolicy = policy;
            options.FallbackPolicy = policy; // any endpoint added later is protected unless its path is public
        });
        services.AddBurlyRateLimiting();
        return burly;
    }

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
