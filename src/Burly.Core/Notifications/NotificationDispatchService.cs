using Microsoft.Extensions.Hosting;

namespace Burly.Notifications;

/// <summary>Drains the notification queue in the background; on shutdown, delivers what is still queued within a few seconds.</summary>
internal sealed class NotificationDispatchService(NotificationManager manager) : BackgroundService
{
    /// <summary>How long shutdown waits for queued notifications.</summary>
    internal static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!manager.IsEnabled)
        {
            return;
        }

        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(DrainTimeout);
        while (!drain.IsCancellationRequested && manager.Reader.TryRead(out var notification))
        {
            await manager.DeliverAsync(notification, drain.Token).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!manager.IsEnabled)
        {
            return;
        }

        try
        {
            await foreach (var notification in manager.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await manager.DeliverAsync(notification, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; StopAsync drains what is left.
        }
    }
}
