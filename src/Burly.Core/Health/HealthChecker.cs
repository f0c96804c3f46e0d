using System.Globalization;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Burly.Health;

/// <summary>
/// Runs Burly's health checks (config, policy, audit, docker, blog, notifications) in parallel, each with
/// its own timeout, through <see cref="HealthCheckService"/>, and shapes the result as the contract's JSON:
/// <c>{timestamp, status, checks:{name:{status, duration_ms, details|error}}, failed_checks:[…]}</c>.
/// The report never contains secrets or absolute host paths.
/// </summary>
public sealed class HealthChecker
{
    private readonly HealthCheckService _service;
    private readonly TimeProvider _time;
    private readonly IOptions<BurlyOptions> _options;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="service">The health check service.</param>
    /// <param name="time">The time provider.</param>
    /// <param name="options">The options (an invalid configuration fails the config check alone).</param>
    public HealthChecker(HealthCheckService service, TimeProvider time, IOptions<BurlyOptions> options)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Runs every Burly check.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The report.</returns>
    public async Task<BurlyHealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            _ = _options.Value;
        }
        catch (OptionsValidationException ex)
        {
            // Nothing else can be built from invalid options: report the config check alone.
            var failures = ex.Failures.ToList();
            var entry = new HealthReportEntry(HealthStatus.Unhealthy, $"{failures.Count} configuration problem(s); run `burly config validate`", TimeSpan.Zero, null,
                new Dictionary<string, object> { ["problems"] = failures.Count });
            var invalid = new HealthReport(new Dictionary<string, HealthReportEntry> { [BurlyHealthCheckNames.Config] = entry }, TimeSpan.Zero);
            return new BurlyHealthReport(HealthStatus.Unhealthy, ToJson(invalid, _time.GetUtcNow()));
        }

        var report = await _service.CheckHealthAsync(r => r.Tags.Contains(BurlyHealthCheckNames.Tag), cancellationToken).ConfigureAwait(false);
        var json = ToJson(report, _time.GetUtcNow());
        json["strict_security_mode"] = _options.Value.StrictSecurityMode;
        return new BurlyHealthReport(report.Status, json);
    }

    /// <summary>Shapes a health report as the contract's JSON.</summary>
    /// <param name="report">The report.</param>
    /// <param name="timestamp">The time of the check.</param>
    /// <returns>The JSON object.</returns>
    public static JsonObject ToJson(HealthReport report, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(report);
        var checks = new JsonObject();
        var failed = new JsonArray();
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var check = new JsonObject
            {
                ["status"] = StatusText(entry.Status),
                ["duration_ms"] = Math.Round(entry.Duration.TotalMilliseconds, 3),
            };
            var details = new JsonObject();
            foreach (var (key, value) in entry.Data)
            {
                details[key] = ToNode(value);
            }

            if (entry.Status == HealthStatus.Healthy)
            {
                if (entry.Description is { Length: > 0 } description)
                {
                    details["message"] = description;
                }

                check["details"] = details;
            }
            else
            {
                // Exceptions are summarised by the checks themselves; their text may name host paths, so it is not shown.
                check["error"] = entry.Description ?? (entry.Exception is null ? "check failed" : "check failed: " + entry.Exception.GetType().Name);
                if (details.Count > 0)
                {
                    check["details"] = details;
                }

                failed.Add(name);
            }

            checks[name] = check;
        }

        return new JsonObject
        {
            ["timestamp"] = timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture),
            ["status"] = StatusText(report.Status),
            ["checks"] = checks,
            ["failed_checks"] = failed,
        };
    }

    /// <summary>Returns the contract's text for a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</returns>
    public static string StatusText(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => s,
        bool b => b,
        int i => i,
        long l => l,
        double d => d,
        IEnumerable<string> list => new JsonArray(list.Select(x => (JsonNode?)x).ToArray()),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
