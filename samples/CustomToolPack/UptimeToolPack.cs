using System.Text.Json.Nodes;
using Burly.ToolPacks;

namespace Burly.Samples.CustomToolPack;

/// <summary>A custom pack: one read-only tool. The policy (tools.yaml) decides whether and how it is exposed.</summary>
public sealed class UptimeToolPack(TimeProvider time) : IToolPack
{
    /// <inheritdoc />
    public IEnumerable<ToolDefinition> GetTools()
    {
        yield return new ToolDefinition
        {
            Name = "uptime",
            Description = "How long this host and this process have been up.",
            Idempotent = true,
            Handler = (context, cancellationToken) =>
            {
                var host = TimeSpan.FromMilliseconds(Environment.TickCount64);
                var process = time.GetUtcNow() - System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
                return ValueTask.FromResult(ToolResult.Ok(
                    $"Host up {host:d\\.hh\\:mm}, process up {process:hh\\:mm\\:ss}",
                    new JsonObject { ["host_seconds"] = (long)host.TotalSeconds, ["process_seconds"] = (long)process.TotalSeconds }));
            },
        };
    }
}
