using Burly.Configuration;
using Burly.Metrics;
using Burly.Policy;
using Burly.Tools.Docker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Burly.Health;

/// <summary>
/// The Docker engine answers (<c>/_ping</c> + <c>/version</c>) when the policy enables any <c>docker_*</c> tool;
/// otherwise it is not needed and the check says so without connecting. Updates <c>burly_mcp_docker_engine_up</c>.
/// </summary>
internal sealed class DockerHealthCheck(IDockerEngineProbe probe, IPolicyProvider policy, IOptions<DockerOptions> options, DockerEngineMetrics metrics) : IHealthCheck
{
    public const string ToolPrefix = "docker_";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var used = UsedTools(policy, ToolPrefix);
        if (used.Count == 0)
        {
            return HealthCheckResult.Healthy("not used: the policy enables no docker_* tool", new Dictionary<string, object> { ["used"] = false });
        }

        var status = await probe.ProbeAsync(options.Value, cancellationToken).ConfigureAwait(false);
        metrics.SetUp(status.Up);
        var data = new Dictionary<string, object> { ["used"] = true, ["transport"] = status.Transport, ["tools"] = used };
        if (!status.Up)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Docker engine unavailable: " + status.Error, data: data);
        }

        data["version"] = status.Version ?? "unknown";
        data["api_version"] = status.ApiVersion ?? "unknown";
        return HealthCheckResult.Healthy("Docker engine reachable", data);
    }

    internal static List<string> UsedTools(IPolicyProvider policy, string prefix)
    {
        try
        {
            return policy.Current.Tools.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }
        catch (PolicyValidationException)
        {
            return [];
        }
    }
}
