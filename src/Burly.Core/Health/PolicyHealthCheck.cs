using Burly.Policy;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Burly.Health;

/// <summary>
/// The policy in force loads and validates; the policy on disk is re-read too, so an edit that a reload
/// rejected shows as degraded (the old policy is still in force).
/// </summary>
internal sealed class PolicyHealthCheck(PolicyStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        PolicyDocument current;
        try
        {
            current = store.Current;
        }
        catch (PolicyValidationException ex)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"the policy is invalid: {ex.Problems.Count} problem(s); run `burly policy validate`",
                data: new Dictionary<string, object> { ["problems"] = ex.Problems.Count }));
        }

        var data = new Dictionary<string, object>
        {
            ["tools"] = current.Tools.Count,
            ["fingerprint"] = current.Fingerprint,
            ["sources"] = current.Sources.Select(SafeName).ToList(),
        };
        try
        {
            var onDisk = store.LoadFromSources();
            if (!string.Equals(onDisk.Fingerprint, current.Fingerprint, StringComparison.Ordinal))
            {
                data["pending_reload"] = true;
            }
        }
        catch (PolicyValidationException ex)
        {
            data["on_disk_problems"] = ex.Problems.Count;
            if (store.LastKnownGood is { } copy)
            {
                data["last_known_good"] = true;
                data["last_known_good_saved_at"] = copy.SavedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                return Task.FromResult(HealthCheckResult.Degraded(
                    $"the policy files on disk are invalid ({ex.Problems.Count} problem(s)); running on the last-known-good policy saved {copy.SavedAt:yyyy-MM-dd HH:mm:ss}Z; fix the files (`burly policy validate`) and reload", data: data));
            }

            return Task.FromResult(HealthCheckResult.Degraded(
                $"the policy files on disk are invalid ({ex.Problems.Count} problem(s)); the previous policy stays in force", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"{current.Tools.Count} tools enabled", data));
    }

    /// <summary>A source name without its directory (no absolute host paths in public output).</summary>
    internal static string SafeName(string source) =>
        source.StartsWith('(') ? source : Path.GetFileName(source);
}
