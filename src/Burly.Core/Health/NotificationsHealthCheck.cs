using System.Text.Json.Nodes;
using Burly.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Burly.Health;

/// <summary><c>disabled</c>, or every enabled provider configured and (where it can be checked without sending) reachable.</summary>
internal sealed class NotificationsHealthCheck(INotificationHealthProbe probe, IOptions<BurlyOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Notifications.Enabled)
        {
            return HealthCheckResult.Healthy("disabled", new Dictionary<string, object> { ["enabled"] = false });
        }

        var statuses = await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
        var providers = new JsonObject();
        foreach (var s in statuses)
        {
            providers[s.Provider] = new JsonObject { ["ok"] = s.Ok, ["detail"] = s.Detail };
        }

        var data = new Dictionary<string, object> { ["enabled"] = true, ["providers"] = providers };
        var bad = statuses.Where(s => !s.Ok).Select(s => s.Provider).ToList();
        if (statuses.Count == 0)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "notifications are enabled but no provider is configured (NOTIFICATION_PROVIDERS)", data: data);
        }

        return bad.Count == 0
            ? HealthCheckResult.Healthy("all providers ready", data)
            : new HealthCheckResult(context.Registration.FailureStatus, "provider(s) not ready: " + string.Join(", ", bad), data: data);
    }
}
