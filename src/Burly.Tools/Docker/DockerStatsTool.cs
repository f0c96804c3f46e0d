using System.Text.Json.Nodes;
using Burly.ToolPacks;
using Docker.DotNet.Models;

namespace Burly.Tools.Docker;

/// <summary>
/// <c>docker_stats</c>: one reading (no stream) of a running container's CPU %, memory usage/limit/percent,
/// network rx/tx and block I/O read/write, computed like <c>docker stats --no-stream</c>.
/// </summary>
internal sealed class DockerStatsTool(DockerGateway gateway)
{
    public async ValueTask<ToolResult> RunAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var container = DockerGateway.ContainerArgument(context);
        var inspect = await gateway.ResolveAsync(context, container, cancellationToken).ConfigureAwait(false);
        var name = inspect.Name.TrimStart('/');
        if (inspect.State is not { Running: true })
        {
            throw new ToolException(BurlyErrorCodes.ToolFailed,
                $"Container '{name}' is not running (state: {inspect.State?.Status ?? "unknown"}); stats exist only for running containers. Start it with docker_start first.",
                new JsonObject { ["container"] = name, ["state"] = inspect.State?.Status });
        }

        // stream=false without one-shot: the engine waits for a second sample so the CPU % has a base (~1 s).
        await context.Session.ReportProgressAsync(0, 1, $"sampling {name} (about 1 s)", cancellationToken).ConfigureAwait(false);
        var capture = new LastValue();
        await gateway.RunAsync(
            context,
            async (client, ct) =>
            {
                await client.Containers.GetContainerStatsAsync(inspect.ID, new ContainerStatsParameters { Stream = false }, capture, ct).ConfigureAwait(false);
                return true;
            },
            $"read the stats of container '{name}'",
            container,
            cancellationToken).ConfigureAwait(false);

        var stats = capture.Value ?? throw new ToolException(BurlyErrorCodes.ToolFailed, $"The Docker engine returned no stats for container '{name}'. Retry in a moment.");
        var s = ContainerStatsSnapshot.From(stats);
        var cpu = s.CpuPercent is { } percent ? $"{percent:0.##}%" : "n/a";
        var summary = $"{name}: CPU {cpu}, memory {ByteFormat.Human(s.MemoryUsageBytes)} / {ByteFormat.Human(s.MemoryLimitBytes)} ({s.MemoryPercent:0.##}%), "
            + $"net rx {ByteFormat.Human(s.NetworkRxBytes)} / tx {ByteFormat.Human(s.NetworkTxBytes)}, "
            + $"block read {ByteFormat.Human(s.BlockReadBytes)} / write {ByteFormat.Human(s.BlockWriteBytes)}";
        return ToolResult.Ok(summary, new JsonObject
        {
            ["container"] = name,
            ["id"] = DockerPsTool.ShortId(inspect.ID),
            ["read_at"] = DockerPsTool.ToUtc(stats.Read),
            ["cpu_percent"] = s.CpuPercent,
            ["online_cpus"] = s.OnlineCpus,
            ["memory"] = new JsonObject
            {
                ["usage_bytes"] = s.MemoryUsageBytes,
                ["limit_bytes"] = s.MemoryLimitBytes,
                ["percent"] = s.MemoryPercent,
                ["usage"] = ByteFormat.Human(s.MemoryUsageBytes),
                ["limit"] = ByteFormat.Human(s.MemoryLimitBytes),
            },
            ["network"] = new JsonObject { ["rx_bytes"] = s.NetworkRxBytes, ["tx_bytes"] = s.NetworkTxBytes },
            ["block_io"] = new JsonObject { ["read_bytes"] = s.BlockReadBytes, ["write_bytes"] = s.BlockWriteBytes },
            ["pids"] = s.Pids,
        });
    }

    /// <summary>Keeps the last reported value, synchronously (<see cref="Progress{T}"/> would post it later).</summary>
    private sealed class LastValue : IProgress<ContainerStatsResponse>
    {
        public ContainerStatsResponse? Value { get; private set; }

        public void Report(ContainerStatsResponse value) => Value = value;
    }
}
