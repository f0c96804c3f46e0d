using Burly.Health;

namespace Burly.Notifications;

/// <summary>
/// A notification channel: delivers notifications to one destination. Register with
/// <c>builder.AddNotificationChannel&lt;T&gt;(name)</c>, or <c>builder.AddNotificationChannel&lt;T, TOptions&gt;(name, section, rules)</c>
/// when the channel has its own options section.
/// </summary>
public interface INotificationChannel
{
    /// <summary>Gets the channel name (e.g. <c>console</c>, <c>gotify</c>, <c>webhook</c>): the name it was registered under, listed in <c>NOTIFICATION_PROVIDERS</c>, and the metric label.</summary>
    string Name { get; }

    /// <summary>Sends one notification.</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The provider's message id, if it returns one.</returns>
    /// <exception cref="NotificationDeliveryException">Delivery failed.</exception>
    Task<long?> SendAsync(Notification notification, CancellationToken cancellationToken);

    /// <summary>
    /// Reports, for the <c>notifications</c> health check (<c>/health</c>, <c>burly health</c>), whether the channel is
    /// configured and — where that is possible without sending a message — reachable. Called only while notifications are
    /// enabled and the channel is listed; bounded by the health check's timeout. The detail must hold no secrets.
    /// </summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The channel's state. The default implementation reports it ready ("registered").</returns>
    Task<NotificationProviderStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new NotificationProviderStatus(Name, true, "registered"));
}
