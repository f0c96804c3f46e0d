using System.Diagnostics.Metrics;
using Burly.Metrics;
using Burly.Pipeline;
using Burly.Pipeline.Steps;

namespace Burly.Core.Tests.Pipeline.Steps;

public sealed class MetricsStepTests
{
    [Test]
    public void Record_Refusal_CountsTheCallAndTheDenialByCodeButNoDuration()
    {
        var metrics = new BurlyMetrics();
        var seen = new List<(string Instrument, string? Code)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.ToolExecutions.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => seen.Add((instrument.Name, Code(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => seen.Add((instrument.Name, Code(tags))));
        listener.Start();
        var call = StepTestData.Call(StepTestData.Tool());
        var refusal = call.Refuse(TimeProvider.System, ToolCallStatus.Invalid, BurlyErrorCodes.InvalidArguments, "Bad. Fix it.");

        new MetricsStep(metrics).Record(call, refusal);

        Assert.That(seen, Is.EquivalentTo(new[] { (metrics.ToolExecutions.Name, (string?)null), (metrics.Denials.Name, BurlyErrorCodes.InvalidArguments) }));
    }

    private static string? Code(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == BurlyMetricTags.Code)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
