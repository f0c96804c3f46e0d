using Burly.Audit;
using Microsoft.Extensions.Hosting;

namespace Burly.Hosting;

/// <summary>At shutdown, writes the <c>rejections_summary</c> records of every window still counting (a flood's last window).</summary>
internal sealed class RejectionAuditFlushService(RejectionAuditSampler sampler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => sampler.FlushAsync().WaitAsync(cancellationToken);
}
