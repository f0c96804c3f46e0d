using System.CommandLine;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Burly.Host.Stdio.Commands;

/// <summary><c>burly health</c>: runs every health check, prints the JSON report, exits 0 only when healthy (a container HEALTHCHECK).</summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var allowDegraded = new Option<bool>("--allow-degraded") { Description = "Exit 0 when degraded too (an optional dependency such as Docker or Gotify is down)." };
        var command = new Command("health", "Check config, policy, audit, Docker, blog directories and notifications; print JSON; exit 0 only when healthy.") { allowDegraded };
        command.SetAction((pr, ct) => RunAsync(pr.GetValue(allowDegraded), ct));
        return command;
    }

    internal static async Task<int> RunAsync(bool allowDegraded, CancellationToken cancellationToken)
    {
        var problems = BurlyHostFactory.Validate();
        if (problems.Count > 0)
        {
            // The options cannot even be bound: report the config check as failed, in the same shape.
            var report = new JsonObject
            {
                ["timestamp"] = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", System.Globalization.CultureInfo.InvariantCulture),
                ["status"] = "unhealthy",
                ["checks"] = new JsonObject
                {
                    [BurlyHealthCheckNames.Config] = new JsonObject
                    {
                        ["status"] = "unhealthy",
                        ["duration_ms"] = 0,
                        ["error"] = $"{problems.Count} configuration problem(s); run `burly config validate`",
                        ["details"] = new JsonObject { ["keys"] = new JsonArray(problems.Select(p => (JsonNode?)p.Key).Distinct().ToArray()) },
                    },
                },
                ["failed_checks"] = new JsonArray(BurlyHealthCheckNames.Config),
            };
            await Console.Out.WriteLineAsync(CliOutput.Json(report)).ConfigureAwait(false);
            return 1;
        }

        var builder = BurlyHostFactory.CreateBuilder();
        await using var services = builder.Services.BuildServiceProvider();
        var result = await services.GetRequiredService<HealthChecker>().CheckAsync(cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(CliOutput.Json(result.Json)).ConfigureAwait(false);
        return result.Status == HealthStatus.Healthy || (allowDegraded && result.Status == HealthStatus.Degraded) ? 0 : 1;
    }
}
