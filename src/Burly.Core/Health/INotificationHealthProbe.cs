namespace Burly.Health;

/// <summary>
/// Reports whether notification providers are configured and reachable, for the <c>notifications</c> health
/// check. Core has a default (configuration checks, Gotify <c>/health</c>); the notification manager may register
/// its own, which then replaces it.
/// </summary>
public interface INotificationHealthProbe
{
    /// <summary>Checks every enabled provider.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>One status per provider.</returns>
    Task<IReadOnlyList<NotificationProviderStatus>> ProbeAsync(CancellationToken cancellationToken);
}
