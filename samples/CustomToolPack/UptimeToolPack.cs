// A complete tool pack in one file: the tool, its options section, its health check and its registration.
// Its policy entry (tools.yaml; deny by default, so the tool is exposed only when the policy lists it):
//   uptime: { description: "How long this process has been up.", timeout_sec: 5 }
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Burly.Hosting;
using Burly.ToolPacks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Bound from the <c>Uptime</c> section (env <c>Uptime__WarnAfterHours</c>), validated at start-up.</summary>
public sealed class UptimeOptions
{
    [Range(0, 8760)] public int WarnAfterHours { get; set; }   // health is Degraded after this many hours; 0 = never
}

public sealed class UptimeToolPack(TimeProvider time) : IToolPack
{
    internal static readonly DateTimeOffset Started = TimeProvider.System.GetUtcNow();
    public IEnumerable<ToolDefinition> GetTools() =>
    [
        new ToolDefinition
        {
            Name = "uptime", Description = "How long this process has been up.", Idempotent = true,
            Handler = (context, ct) =>
            {
                var up = time.GetUtcNow() - Started;
                return ValueTask.FromResult(ToolResult.Ok($"Up {up:d\\.hh\\:mm\\:ss}", new JsonObject { ["seconds"] = (long)up.TotalSeconds }));
            },
        },
    ];
}

/// <summary>Reported by <c>/health</c> and <c>burly health</c> as <c>uptime</c>.</summary>
public sealed class UptimeHealthCheck(TimeProvider time, IOptions<UptimeOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(options.Value.WarnAfterHours > 0 && time.GetUtcNow() - UptimeToolPack.Started > TimeSpan.FromHours(options.Value.WarnAfterHours)
            ? HealthCheckResult.Degraded($"up more than {options.Value.WarnAfterHours} h") : HealthCheckResult.Healthy("up"));
}

public static class UptimeBurlyBuilderExtensions
{
    /// <summary><c>services.AddBurly(configuration).AddUptimePack()</c>: the tool, the <c>Uptime</c> options, the <c>uptime</c> check.</summary>
    public static IBurlyBuilder AddUptimePack(this IBurlyBuilder builder) =>
        builder.AddToolPack<UptimeToolPack>().AddOptionsSection<UptimeOptions>("Uptime").AddHealthCheck<UptimeHealthCheck>("uptime");
}
