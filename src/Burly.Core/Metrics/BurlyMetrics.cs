using Burly.Pipeline;
using System.Diagnostics.Metrics;

namespace Burly.Metrics;

/// <summary>
/// The <c>Burly</c> meter and every instrument, named as the guide's dashboards and alert rules expect
/// (Prometheus names; the exporter keeps them as they are).
/// </summary>
public sealed class BurlyMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Burly";

    private readonly Meter _meter;
    private long _auditLogSize;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="meterFactory">The meter factory (DI); <see langword="null"/> creates a standalone meter.</param>
    public BurlyMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName, BurlyInfo.Version) ?? new Meter(MeterName, BurlyInfo.Version);
        ToolExecutions = _meter.CreateCounter<long>("burly_mcp_tool_executions_total", description: "Tool calls by tool and outcome.");
        ToolExecutionSeconds = _meter.CreateHistogram<double>("burly_mcp_tool_execution_seconds", unit: "s", description: "Tool call duration.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        ActiveConnections = _meter.CreateUpDownCounter<long>("burly_mcp_active_connections", description: "Open MCP sessions/connections.");
        ToolsInFlight = _meter.CreateUpDownCounter<long>("burly_mcp_tools_in_flight", description: "Tool calls executing now.");
        AuthFailures = _meter.CreateCounter<long>("burly_mcp_auth_failures_total", description: "Rejected authentication attempts.");
        RateLimited = _meter.CreateCounter<long>("burly_mcp_rate_limited_total", description: "Requests refused by the rate limiter.");
        Confirmations = _meter.CreateCounter<long>("burly_mcp_confirmations_total", description: "Confirmation outcomes (required, accepted, declined).");
        PolicyReloads = _meter.CreateCounter<long>("burly_mcp_policy_reloads_total", description: "Policy reloads by result.");
        Notifications = _meter.CreateCounter<long>("burly_mcp_notifications_total", description: "Notifications by provider and result (sent, failed, dropped, rate_limited).");
        SecurityViolations = _meter.CreateCounter<long>("burly_mcp_security_violations_total", description: "Security violations by type.");
        Denials = _meter.CreateCounter<long>("burly_mcp_denials_total", description: "Refused calls by tool and error code.");
        AuditWriteFailures = _meter.CreateCounter<long>("burly_mcp_audit_write_failures_total", description: "Audit records that could not be written.");
        _meter.CreateObservableGauge("burly_mcp_audit_log_size_bytes", () => Interlocked.Read(ref _auditLogSize), unit: null, description: "Size of the current audit file.");
        _meter.CreateObservableGauge("burly_mcp_build_info", () => new Measurement<int>(1, new KeyValuePair<string, object?>(BurlyMetricTags.Version, BurlyInfo.Version)), description: "Build information.");
    }

    /// <summary>Gets the known label values per counter: each series is created at 0 on start, so <c>increase(…) &gt; 0</c> fires on the first event.</summary>
    internal static IReadOnlyList<string> KnownSecurityViolationTypes => SecurityViolationTypes.All;

    /// <summary>
    /// Creates every known counter series at 0 (security violations by type, audit write failures, policy reloads by
    /// result, auth failures, rate limited, confirmations by result). Prometheus sees a series only once it has a
    /// sample; a counter that appears at 1 never shows an increase, so the first event would never alert. Call after the
    /// meter provider listens (measurements before that are lost).
    /// </summary>
    public void InitializeKnownSeries()
    {
        foreach (var type in KnownSecurityViolationTypes)
        {
            SecurityViolations.Add(0, new KeyValuePair<string, object?>(BurlyMetricTags.Type, type));
        }

        foreach (var result in new[] { "success", "failure", "unchanged" })
        {
            PolicyReloads.Add(0, new KeyValuePair<string, object?>(BurlyMetricTags.Result, result));
        }

        foreach (var result in new[] { "required", "accepted", "declined" })
        {
            Confirmations.Add(0, new KeyValuePair<string, object?>(BurlyMetricTags.Result, result));
        }

        AuditWriteFailures.Add(0);
        AuthFailures.Add(0);
        RateLimited.Add(0);
    }

    /// <summary>Gets <c>burly_mcp_tool_executions_total{tool_name,status}</c>.</summary>
    public Counter<long> ToolExecutions { get; }

    /// <summary>Gets <c>burly_mcp_tool_execution_seconds{tool_name}</c>.</summary>
    public Histogram<double> ToolExecutionSeconds { get; }

    /// <summary>Gets <c>burly_mcp_active_connections</c>.</summary>
    public UpDownCounter<long> ActiveConnections { get; }

    /// <summary>Gets <c>burly_mcp_tools_in_flight</c>.</summary>
    public UpDownCounter<long> ToolsInFlight { get; }

    /// <summary>Gets <c>burly_mcp_auth_failures_total</c>.</summary>
    public Counter<long> AuthFailures { get; }

    /// <summary>Gets <c>burly_mcp_rate_limited_total</c>.</summary>
    public Counter<long> RateLimited { get; }

    /// <summary>Gets <c>burly_mcp_confirmations_total{result}</c>.</summary>
    public Counter<long> Confirmations { get; }

    /// <summary>Gets <c>burly_mcp_policy_reloads_total{result}</c>.</summary>
    public Counter<long> PolicyReloads { get; }

    /// <summary>Gets <c>burly_mcp_notifications_total{provider,result}</c>.</summary>
    public Counter<long> Notifications { get; }

    /// <summary>Gets <c>burly_mcp_security_violations_total{type}</c>.</summary>
    public Counter<long> SecurityViolations { get; }

    /// <summary>Gets <c>burly_mcp_denials_total{tool_name,code}</c>.</summary>
    public Counter<long> Denials { get; }

    /// <summary>Gets <c>burly_mcp_audit_write_failures_total</c>.</summary>
    public Counter<long> AuditWriteFailures { get; }

    /// <summary>Gets or sets the audit file size reported by <c>burly_mcp_audit_log_size_bytes</c>.</summary>
    public long AuditLogSize
    {
        get => Interlocked.Read(ref _auditLogSize);
        set => Interlocked.Exchange(ref _auditLogSize, value);
    }

    /// <summary>Gets the <c>Burly</c> meter, on which tool packs create their own instruments (e.g. the Docker pack's engine gauge).</summary>
    public Meter Meter => _meter;

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
