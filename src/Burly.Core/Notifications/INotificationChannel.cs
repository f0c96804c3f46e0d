namespace Burly.Notifications;

/// <summary>A notification channel: delivers notifications to one destination. Register with <c>builder.AddNotificationChannel&lt;T&gt;()</c>.</summary>
public interface INotificationChannel
{
    /// <summary>Gets the provider name (<c>console</c>, <c>gotify</c>, <c>webhook</c>), also the metric label.</summary>
    string Name { get; }

    /// <summary>Sends one notification.</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The provider's message id, if it returns one.</returns>
    /// <exception cref="NotificationDeliveryException">Delivery failed.</exception>
    Task<long?> SendAsync(Notification notification, CancellationToken cancellationToken);
}
