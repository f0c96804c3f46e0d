using Burly.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Burly.Health;

/// <summary>Validates the bound configuration (ranges and cross-field rules); any problem makes the server unhealthy.</summary>
internal sealed class ConfigHealthCheck(IOptions<BurlyOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        BurlyOptions value;
        try
        {
            value = options.Value;
        }
        catch (OptionsValidationException ex)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"{ex.Failures.Count()} configuration problem(s); run `burly config validate`",
                data: new Dictionary<string, object> { ["problems"] = ex.Failures.Count() }));
        }

        var problems = BurlyConfigValidator.Validate(value);
        var data = new Dictionary<string, object>
        {
            ["server_name"] = value.ServerName,
            ["server_version"] = value.ServerVersion,
            ["problems"] = problems.Count,
        };
        if (problems.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("configuration valid", data));
        }

        // Keys only: a bad value may be a path or (masked) secret.
        data["keys"] = problems.Select(p => p.Key).Distinct().ToList();
        return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
            $"{problems.Count} configuration problem(s); run `burly config validate`", data: data));
    }
}
