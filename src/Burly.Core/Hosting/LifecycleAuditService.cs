using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Policy;
using Microsoft.Extensions.Hosting;

namespace Burly.Hosting;

/// <summary>Writes <c>server_start</c> and <c>server_stop</c> audit records.</summary>
internal sealed class LifecycleAuditService(IAuditLog audit, IPolicyProvider policy, BurlyMcpTransport transport, TimeProvider time, RejectionAuditSampler rejections) : IHostedService
{
    private int _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await WriteAsync(AuditEventTypes.ServerStart).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // One server_stop per process, even when the host is stopped twice (WebApplicationFactory and the entry point both stop it).
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await rejections.FlushAsync().ConfigureAwait(false); // a flood's last window is summarised before server_stop
            await WriteAsync(AuditEventTypes.ServerStop).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(string eventType)
    {
        var document = policy.Current;
        try
        {
            await audit.AppendAsync(new AuditRecord
            {
                Timestamp = time.GetUtcNow(),
                EventType = eventType,
                Transport = transport.Name,
                UserId = "system",
                Result = AuditResults.Success,
                Details = new JsonObject
                {
                    ["version"] = BurlyInfo.Version,
                    ["pid"] = Environment.ProcessId,
                    ["tools"] = document.Tools.Count,
                    ["policy_fingerprint"] = document.Fingerprint,
                },
            }).ConfigureAwait(false);
        }
        catch (AuditWriteException)
        {
            // Logged and counted by the log; health shows it.
        }
        catch (ObjectDisposedException)
        {
            // The host is being disposed while it stops (WebApplicationFactory stops and disposes from two threads).
        }
    }
}
