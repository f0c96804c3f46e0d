using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text.Json;
using Burly.Audit;
using Burly.Configuration;
using Burly.Policy;

namespace Burly.Benchmarks;

/// <summary>
/// Bytes per call without BenchmarkDotNet's iterations (seconds instead of minutes, independent of machine load):
/// `Burly.Benchmarks alloc [CALLS] [types]` runs the <see cref="McpCallBenchmarks"/> servers sequentially and prints
/// <c>GC.GetTotalAllocatedBytes(precise)</c> per call (every thread, as MemoryDiagnoser counts) for each, plus the
/// audit building blocks alone. With <c>types</c>, the runtime's allocation-tick samples (one per ~100 KB) are
/// grouped by type for the Burly-with-audit run: where the bytes go.
/// </summary>
internal static class AllocationProfile
{
    public static async Task<int> RunAsync(int calls, bool types)
    {
        var bench = new McpCallBenchmarks();
        await bench.Setup();
        try
        {
            await MeasureAsync("bare", bench.BareSdk, calls);
            await MeasureAsync("burly_no_audit", bench.BurlyWithoutAudit, calls);
            await MeasureAsync("burly_audit", bench.BurlyWithAudit, calls);
            if (types)
            {
                using var listener = new AllocationListener();
                await MeasureAsync("burly_audit(sampled)", bench.BurlyWithAudit, calls);
                foreach (var (type, count) in listener.Top(40))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,6} samples  {type}"));
                }
            }
        }
        finally
        {
            await bench.Cleanup();
        }

        MeasurePieces(calls);
        return 0;
    }

    private static async Task MeasureAsync(string label, Func<Task<object>> call, int calls)
    {
        for (var i = 0; i < Math.Min(calls, 2000); i++)
        {
            await call();
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} calls={calls} bytes_per_call={perCall:F0}"));
    }

    private static void MeasurePieces(int calls)
    {
        var arguments = JsonDocument.Parse("""{"message":"hello"}""").RootElement.Clone();
        var settings = new PolicySettings();
        var audit = new AuditOptions();
        Piece("redact", calls, () => AuditRedactor.Redact(arguments, settings, audit));
        Piece("args_hash", calls, () => CanonicalJson.Hash(arguments));
        var record = new AuditRecord
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            RequestId = "1",
            Transport = "stdio",
            UserId = "local:bench",
            ToolName = "echo",
            Arguments = AuditRedactor.Redact(arguments, settings, audit),
            ArgsHash = CanonicalJson.Hash(arguments),
            Result = AuditResults.Success,
            ExitCode = 0,
            ExecutionTimeMs = 0.123,
            OutputSize = 40,
            OutputTruncated = false,
        };
        Piece("serialize_line", calls, () => AuditRecordSerializer.SerializeLine(record));
    }

    private static void Piece(string label, int calls, Func<object?> action)
    {
        for (var i = 0; i < 1000; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            action();
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"piece {label} bytes_per_call={perCall:F0}"));
    }

    private sealed class AllocationListener : EventListener
    {
        private readonly Dictionary<string, int> _counts = [];
        private readonly Lock _lock = new();

        public IEnumerable<(string Type, int Count)> Top(int n)
        {
            lock (_lock)
            {
                return _counts.OrderByDescending(kv => kv.Value).Take(n).Select(kv => (kv.Key, kv.Value)).ToList();
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
            {
                return;
            }

            var index = eventData.PayloadNames!.IndexOf("TypeName");
            var type = index >= 0 ? eventData.Payload[index] as string ?? "?" : "?";
            lock (_lock)
            {
                _counts[type] = _counts.GetValueOrDefault(type) + 1;
            }
        }
    }
}
