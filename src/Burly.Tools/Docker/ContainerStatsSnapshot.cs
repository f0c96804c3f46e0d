using Docker.DotNet.Models;

namespace Burly.Tools.Docker;

/// <summary>One reading of a container's resource usage, computed the way <c>docker stats</c> does.</summary>
internal sealed record ContainerStatsSnapshot
{
    /// <summary>Gets the CPU usage in percent of one CPU (100 % = one full core), or <see langword="null"/> without a previous sample.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>Gets the number of CPUs the engine reports.</summary>
    public uint OnlineCpus { get; init; }

    /// <summary>Gets the memory in use (page cache that can be reclaimed is not counted, like <c>docker stats</c>).</summary>
    public ulong MemoryUsageBytes { get; init; }

    /// <summary>Gets the memory limit (the host's memory when the container has none).</summary>
    public ulong MemoryLimitBytes { get; init; }

    /// <summary>Gets the memory in use in percent of the limit.</summary>
    public double MemoryPercent { get; init; }

    /// <summary>Gets the bytes received over all networks.</summary>
    public ulong NetworkRxBytes { get; init; }

    /// <summary>Gets the bytes sent over all networks.</summary>
    public ulong NetworkTxBytes { get; init; }

    /// <summary>Gets the bytes read from block devices.</summary>
    public ulong BlockReadBytes { get; init; }

    /// <summary>Gets the bytes written to block devices.</summary>
    public ulong BlockWriteBytes { get; init; }

    /// <summary>Gets the number of processes/threads.</summary>
    public ulong? Pids { get; init; }

    /// <summary>Computes a snapshot from the engine's stats response.</summary>
    /// <param name="stats">The response.</param>
    /// <returns>The snapshot.</returns>
    public static ContainerStatsSnapshot From(ContainerStatsResponse stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var cpu = stats.CPUStats;
        var pre = stats.PreCPUStats;
        var onlineCpus = cpu?.OnlineCPUs is > 0 ? cpu.OnlineCPUs.Value : (uint)(cpu?.CPUUsage?.PercpuUsage?.Count ?? 0);
        double? cpuPercent = null;
        if (cpu?.CPUUsage is { } usage && pre?.CPUUsage is { } preUsage && cpu.SystemUsage is { } system && pre.SystemUsage is { } preSystem && preSystem > 0)
        {
            var cpuDelta = (double)usage.TotalUsage - preUsage.TotalUsage;
            var systemDelta = (double)system - preSystem;
            cpuPercent = systemDelta > 0 && cpuDelta >= 0 ? Math.Round(cpuDelta / systemDelta * Math.Max(1, onlineCpus) * 100.0, 2) : 0;
        }

        var memory = stats.MemoryStats;
        var used = memory?.Usage ?? 0;
        if (memory?.Stats is { } memoryStats)
        {
            // cgroup v1 reports total_inactive_file, v2 inactive_file; docker stats subtracts it (reclaimable cache).
            var cache = memoryStats.TryGetValue("total_inactive_file", out var v1) ? v1
                : memoryStats.TryGetValue("inactive_file", out var v2) ? v2 : 0UL;
            used = cache < used ? used - cache : used;
        }

        var limit = memory?.Limit ?? 0;
        ulong rx = 0, tx = 0;
        foreach (var network in stats.Networks?.Values ?? [])
        {
            rx += network.RxBytes;
            tx += network.TxBytes;
        }

        ulong read = 0, write = 0;
        foreach (var entry in stats.BlkioStats?.IoServiceBytesRecursive ?? [])
        {
            if (string.Equals(entry.Op, "read", StringComparison.OrdinalIgnoreCase))
            {
                read += entry.Value;
            }
            else if (string.Equals(entry.Op, "write", StringComparison.OrdinalIgnoreCase))
            {
                write += entry.Value;
            }
        }

        return new ContainerStatsSnapshot
        {
            CpuPercent = cpuPercent,
            OnlineCpus = onlineCpus,
            MemoryUsageBytes = used,
            MemoryLimitBytes = limit,
            MemoryPercent = limit > 0 ? Math.Round(used * 100.0 / limit, 2) : 0,
            NetworkRxBytes = rx,
            NetworkTxBytes = tx,
            BlockReadBytes = read,
            BlockWriteBytes = write,
            Pids = stats.PidsStats?.Current,
        };
    }
}
