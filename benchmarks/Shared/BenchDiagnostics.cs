// Linked into both echo servers (BareEcho, HttpEcho) so the two answer the same diagnostics the same way.
using System.Globalization;
using System.Runtime;

namespace Burly.Benchmarks;

/// <summary>
/// Benchmarks only (<c>BENCH_DIAGNOSTICS=1</c>): <c>GET /_bench/gc</c> answers allocated bytes and GC heap figures, so a
/// run can compute bytes per request and see what the managed heap holds, independent of machine load.
/// </summary>
internal static class BenchDiagnostics
{
    public static void MapBenchDiagnostics(this IEndpointRouteBuilder app)
    {
        if (Environment.GetEnvironmentVariable("BENCH_DIAGNOSTICS") != "1")
        {
            return;
        }

        app.MapGet("/_bench/gc", () =>
        {
            var info = GC.GetGCMemoryInfo();
            return Results.Text(string.Create(CultureInfo.InvariantCulture,
                $"allocated={GC.GetTotalAllocatedBytes(precise: true)} heap={info.HeapSizeBytes} committed={info.TotalCommittedBytes} fragmented={info.FragmentedBytes} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} server={GCSettings.IsServerGC} concurrent={info.Concurrent}\n"));
        });
    }
}
