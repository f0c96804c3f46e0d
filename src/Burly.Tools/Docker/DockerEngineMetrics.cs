using System.Diagnostics.Metrics;
using Burly.Metrics;

namespace Burly.Tools.Docker;

/// <summary>The Docker pack's gauge <c>burly_mcp_docker_engine_up</c> on the <c>Burly</c> meter: 1 when the engine answered the last ping, 0 when not, absent before the first ping.</summary>
internal sealed class DockerEngineMetrics
{
    /// <summary>The gauge name.</summary>
    public const string EngineUp = "burly_mcp_docker_engine_up";

    private int _up = -1;

    public DockerEngineMetrics(BurlyMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.Meter.CreateObservableGauge(EngineUp, Observe, description: "1 when the Docker engine answered the last ping, 0 when not.");
    }

    /// <summary>Records whether the engine answered.</summary>
    /// <param name="up">Whether the engine answered.</param>
    public void SetUp(bool up) => Volatile.Write(ref _up, up ? 1 : 0);

    private IEnumerable<Measurement<int>> Observe()
    {
        var value = Volatile.Read(ref _up);
        return value < 0 ? [] : [new Measurement<int>(value)];
    }
}
