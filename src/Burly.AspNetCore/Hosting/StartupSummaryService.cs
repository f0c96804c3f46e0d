using Burly.Audit;
using Burly.Configuration;
using Burly.Host.Http.Authentication;
using Burly.Policy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Hosting;

/// <summary>
/// Logs what the server runs with once it listens: address, MCP mode, policy source and the real tool count,
/// audit path, authentication mode (how many keys and their names and scopes, never a key), limits.
/// </summary>
internal sealed partial class StartupSummaryService(
    IHostApplicationLifetime lifetime,
    IServer server,
    IPolicyProvider policy,
    IAuditLog audit,
    ApiKeyStore keys,
    IConfiguration configuration,
    IOptions<BurlyOptions> options,
    IOptions<HttpHostOptions> httpOptions,
    ILogger<StartupSummaryService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(LogSummary);
        lifetime.ApplicationStopping.Register(() => LogStopping(logger, options.Value.Limits.ShutdownGraceSeconds));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void LogSummary()
    {
        var burly = options.Value;
        var http = httpOptions.Value;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } a ? string.Join(", ", a) : $"{http.Host}:{http.Port}";
        LogListening(logger, BurlyInfo.Version, addresses, http.Stateless ? "stateless" : "stateful");

        var document = policy.Current;
        LogPolicy(logger, document.Describe(), document.Tools.Count, string.Join(", ", document.Tools.Keys));
        LogAudit(logger, audit.FilePath ?? "disabled", burly.Audit.Arguments);

        if (keys.IsAnonymous)
        {
            LogAnonymous(logger, http.AllowAnonymous ? "ALLOW_ANONYMOUS=true" : "loopback address, no key configured");
        }
        else
        {
            LogKeys(logger, keys.Keys.Count, string.Join("; ", keys.Keys.Select(k => $"{k.Name} ({k.DescribeScope()})")));
        }

        foreach (var warning in keys.Warnings)
        {
            LogKeyWarning(logger, warning);
        }

        LogLimits(logger, burly.Limits.MaxRequestSize,
            http.RateLimitDisabled ? "off (RATE_LIMIT_DISABLED)" : $"{http.RateLimitPerMinute}/min per key or client address",
            burly.Limits.MaxConcurrentTools, burly.Limits.ShutdownGraceSeconds);
        LogHosts(logger, string.Join(";", HostFilteringSetup.Resolve(configuration, http)),
            http.AllowedOrigins.Count == 0 ? "loopback only" : string.Join(", ", http.AllowedOrigins));
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Burly HTTP {Version} listening on {Addresses} (MCP at /mcp and /v1/mcp, {Mode}; legacy JSON on the same paths).")]
    private static partial void LogListening(ILogger logger, string version, string addresses, string mode);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Policy: {Source}; {Count} tools: {Tools}.")]
    private static partial void LogPolicy(ILogger logger, string source, int count, string tools);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Audit log: {Path} (arguments {Mode}).")]
    private static partial void LogAudit(ILogger logger, string path, string mode);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Authentication: none, every caller is anonymous ({Why}).")]
    private static partial void LogAnonymous(ILogger logger, string why);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Authentication: {Count} API key(s): {Keys}.")]
    private static partial void LogKeys(ILogger logger, int count, string keys);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogKeyWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Limits: request body {MaxRequestSize} bytes, rate limit {RateLimit}, {MaxConcurrent} concurrent tool calls, shutdown grace {Grace} s.")]
    private static partial void LogLimits(ILogger logger, int maxRequestSize, string rateLimit, int maxConcurrent, int grace);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Allowed hosts: {Hosts}; allowed origins: {Origins}.")]
    private static partial void LogHosts(ILogger logger, string hosts, string origins);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Stopping: no new connections; in-flight calls get up to {Grace} s.")]
    private static partial void LogStopping(ILogger logger, int grace);
}
