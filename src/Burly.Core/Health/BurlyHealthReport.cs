using System.Text.Json.Nodes;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Burly.Health;

/// <summary>The outcome of <see cref="HealthChecker.CheckAsync"/>.</summary>
/// <param name="Status">The overall status (the worst check).</param>
/// <param name="Json">The report as the contract's JSON.</param>
public sealed record BurlyHealthReport(HealthStatus Status, JsonObject Json);
