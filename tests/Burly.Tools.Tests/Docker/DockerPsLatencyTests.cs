using System.Diagnostics;
using Burly.Pipeline;
using Docker.DotNet.Models;

namespace Burly.Tools.Tests.Docker;

/// <summary>
/// Measures <c>docker_ps</c> through the whole pipeline against the bare Engine API list call made in-process with the
/// same client library (median of 50 each, alternating, same run). The numbers are printed to the test output
/// (TRX); nothing asserts on time — the test checks that the pipeline lists the container the bare call sees.
/// </summary>
[TestFixture]
[Category("Docker")]
[NonParallelizable]
public sealed class DockerPsLatencyTests
{
    private const int Samples = 50;

    [Test]
    public async Task DockerPs_FiftyCallsThroughPipelineAndBareClient_ListTheTestContainer()
    {
        await using var engine = await DockerTestEngine.ConnectAsync();
        var name = await engine.CreateAsync("latency", start: true);
        await using var burly = new DockerPipeline(engine.Endpoint.ToString());
        var parameters = new ContainersListParameters { All = true };
        for (var i = 0; i < 5; i++)
        {
            await burly.CallAsync("docker_ps", new { all = true });
            await engine.Client.Containers.ListContainersAsync(parameters);
        }

        var pipeline = new List<double>();
        var bare = new List<double>();
        ToolCallOutcome? last = null;
        for (var i = 0; i < Samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            last = await burly.CallAsync("docker_ps", new { all = true });
            pipeline.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            await engine.Client.Containers.ListContainersAsync(parameters);
            bare.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var containers = last!.Data!["count"]!.GetValue<int>();
        TestContext.Out.WriteLine(
            $"docker_ps over {containers} containers, median of {Samples}: pipeline {Median(pipeline):0.00} ms (p90 {P90(pipeline):0.00}), " +
            $"bare ListContainersAsync {Median(bare):0.00} ms (p90 {P90(bare):0.00}), ratio {Median(pipeline) / Median(bare):0.00}; load {File.ReadAllText("/proc/loadavg").Trim()}");
        Assert.That(last.Data!["containers"]!.AsArray().Select(c => c!["names"]![0]!.GetValue<string>()), Does.Contain(name));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double P90(List<double> values) => values.Order().ElementAt((int)(values.Count * 0.9));
}
