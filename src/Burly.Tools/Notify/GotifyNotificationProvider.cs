namespace Burly.Notifications;

/// <summary>Sends notifications through <see cref="GotifyClient"/>.</summary>
internal sealed class GotifyNotificationProvider(GotifyClient client) : INotificationChannel
{
    public string Name => "gotify";

    public Task<long?> SendAsync(Notification notification, CancellationToken cancellationToken) =>
        client.SendAsync(notification.Title, notification.Message, notification.Priority, cancellationToken);
}
