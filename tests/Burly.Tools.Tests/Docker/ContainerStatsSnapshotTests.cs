using Burly.Tools.Docker;
using Docker.DotNet.Models;

namespace Burly.Tools.Tests.Docker;

public sealed class ContainerStatsSnapshotTests
{
    [Test]
    public void From_TwoSamples_ComputesLikeDockerStats()
    {
        var stats = new ContainerStatsResponse
        {
            CPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = 3_000_000 }, SystemUsage = 20_000_000, OnlineCPUs = 2 },
            PreCPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = 1_000_000 }, SystemUsage = 10_000_000, OnlineCPUs = 2 },
            MemoryStats = new MemoryStats { Usage = 10_000, Limit = 100_000, Stats = new Dictionary<string, ulong> { ["inactive_file"] = 2_000 } },
            Networks = new Dictionary<string, NetworkStats>
            {
                ["eth0"] = new() { RxBytes = 100, TxBytes = 10 },
                ["eth1"] = new() { RxBytes = 50, TxBytes = 5 },
            },
            BlkioStats = new BlkioStats
            {
                IoServiceBytesRecursive =
                [
                    new BlkioStatEntry { Op = "Read", Value = 4096 },
                    new BlkioStatEntry { Op = "write", Value = 8192 },
                    new BlkioStatEntry { Op = "Total", Value = 12288 },
                ],
            },
        };

        var s = ContainerStatsSnapshot.From(stats);

        Assert.Multiple(() =>
        {
            Assert.That(s.CpuPercent, Is.EqualTo(40.0)); // 2M / 10M * 2 CPUs * 100
            Assert.That(s.MemoryUsageBytes, Is.EqualTo(8_000UL));
            Assert.That(s.MemoryPercent, Is.EqualTo(8.0));
            Assert.That(s.NetworkRxBytes, Is.EqualTo(150UL));
            Assert.That(s.NetworkTxBytes, Is.EqualTo(15UL));
            Assert.That(s.BlockReadBytes, Is.EqualTo(4096UL));
            Assert.That(s.BlockWriteBytes, Is.EqualTo(8192UL));
        });
    }

    [Test]
    public void From_NoPreviousSample_CpuPercentUnknown()
    {
        var stats = new ContainerStatsResponse
        {
            CPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = 3_000_000 }, SystemUsage = 20_000_000, OnlineCPUs = 2 },
            PreCPUStats = new CPUStats { CPUUsage = new CPUUsage(), SystemUsage = null },
            MemoryStats = new MemoryStats { Usage = 5, Limit = 0 },
        };

        var s = ContainerStatsSnapshot.From(stats);

        Assert.That(s.CpuPercent, Is.Null);
        Assert.That(s.MemoryPercent, Is.Zero);
    }
}
