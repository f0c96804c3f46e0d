using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Burly.Configuration;
using Burly.Pipeline;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Benchmarks;

/// <summary>
/// docker_ps through Burly's full pipeline (default policy, audit on) vs the same client library's bare
/// ListContainersAsync, in one process against the real engine: median at concurrency 1 (alternating blocks),
/// then throughput with 100 concurrent identical calls (single-flight shares Burly's).
/// </summary>
internal static class DockerComparison
{
    private static readonly JsonElement NoArguments = JsonDocument.Parse("{}").RootElement.Clone();

    public static async Task<int> RunAsync(int calls, double seconds)
    {
        var directory = Path.Combine(Path.GetTempPath(), "burly-bench-docker-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddBurly(o => o.DataDirectory = directory).AddDockerTools();
            await using var provider = services.BuildServiceProvider();
            var pipeline = provider.GetRequiredService<ToolCallPipeline>();
            var endpoint = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? new Uri(host) : new Uri("unix:///var/run/docker.sock");
            using var bare = new DockerClientBuilder().WithEndpoint(endpoint).Build();

            async Task BurlyCall()
            {
                var outcome = await pipeline.InvokeAsync(new ToolCallRequest { ToolName = "docker_ps", Arguments = NoArguments, Caller = CallerContext.Local("bench") });
                if (!outcome.IsSuccess)
                {
                    throw new InvalidOperationException("docker_ps failed: " + outcome.Error?.Message);
                }
            }

            Task BareCall() => bare.Containers.ListContainersAsync(new ContainersListParameters(), CancellationToken.None);

            // Warm both (JIT, connection, the factory's version probe).
            for (var i = 0; i < 20; i++)
            {
                await BurlyCall();
                await BareCall();
            }

            var burlyTimes = new List<double>();
            var bareTimes = new List<double>();
            for (var block = 0; block < calls / 10; block++)
            {
                await TimeAsync(BareCall, 10, bareTimes);
                await TimeAsync(BurlyCall, 10, burlyTimes);
            }

            var bareRate = await ThroughputAsync(BareCall, 100, seconds);
            var burlyRate = await ThroughputAsync(BurlyCall, 100, seconds);
            var bareRate2 = await ThroughputAsync(BareCall, 100, seconds);
            var burlyRate2 = await ThroughputAsync(BurlyCall, 100, seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"docker c1 calls={bareTimes.Count} bare_median_ms={ColdStart.Median(bareTimes):F3} burly_median_ms={ColdStart.Median(burlyTimes):F3}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"docker c100 seconds={seconds} bare_calls_per_second={(bareRate + bareRate2) / 2:F0} burly_calls_per_second={(burlyRate + burlyRate2) / 2:F0}"));
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task TimeAsync(Func<Task> call, int count, List<double> into)
    {
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            into.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private static async Task<double> ThroughputAsync(Func<Task> call, int concurrency, double seconds)
    {
        var done = 0L;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await Task.Yield();
            while (clock.Elapsed < until)
            {
                await call();
                Interlocked.Increment(ref done);
            }
        }));
        return done / clock.Elapsed.TotalSeconds;
    }
}
