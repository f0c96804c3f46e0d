using Burly.Health;

namespace Burly.Notifications;

/// <summary>Sends notifications through <see cref="GotifyClient"/>; its health is Gotify's <c>GET /health</c>.</summary>
internal sealed class GotifyNotificationProvider(GotifyClient client) : INotificationChannel
{
    public const string ChannelName = "gotify";

    public string Name => ChannelName;

    public Task<long?> SendAsync(Notification notification, CancellationToken cancellationToken) =>
        client.SendAsync(notification.Title, notification.Message, notification.Priority, cancellationToken);

    public Task<NotificationProviderStatus> CheckHealthAsync(CancellationToken cancellationToken) => client.CheckHealthAsync(cancellationToken);
}
