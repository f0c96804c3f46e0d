using System.Diagnostics.Metrics;

namespace Burly.Host.Http.Tests.Infrastructure;

/// <summary>Sums the measurements of one instrument object (so other hosts in the same test process do not count).</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public MetricRecorder(Instrument instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (ReferenceEquals(published, instrument))
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
