using Burly.Metrics;

namespace Burly.Pipeline.Steps;

/// <summary>Pipeline step 7, metrics: counts every completed call by tool and status, its duration when it ran, and refusals by code.</summary>
internal sealed class MetricsStep(BurlyMetrics metrics)
{
    public void Record(ToolCallState call, ToolCallOutcome outcome)
    {
        var toolLabel = call.Tool?.Name ?? "(unknown)";
        var status = ToolCallOutcome.ToAuditResult(outcome.Status);
        metrics.ToolExecutions.Add(1, new(BurlyMetricTags.ToolName, toolLabel), new(BurlyMetricTags.Status, status));
        if (outcome.Status is ToolCallStatus.Success or ToolCallStatus.Failure or ToolCallStatus.Timeout)
        {
            metrics.ToolExecutionSeconds.Record(outcome.ElapsedMs / 1000.0, new KeyValuePair<string, object?>(BurlyMetricTags.ToolName, toolLabel));
        }

        if (outcome.Error is { } error && outcome.Status is not (ToolCallStatus.Failure or ToolCallStatus.Timeout))
        {
            metrics.Denials.Add(1, new(BurlyMetricTags.ToolName, toolLabel), new(BurlyMetricTags.Code, error.Code));
        }
    }
}
