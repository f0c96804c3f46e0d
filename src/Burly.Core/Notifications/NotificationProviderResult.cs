namespace Burly.Notifications;

/// <summary>The outcome of sending one notification through one provider (see <see cref="NotificationManager.TestAsync"/>).</summary>
/// <param name="Provider">The provider: <c>console</c>, <c>gotify</c> or <c>webhook</c>.</param>
/// <param name="Success">Whether the provider accepted the notification.</param>
/// <param name="Error">Why not, when it failed (client-safe, no secrets).</param>
/// <param name="MessageId">The provider's message id, when it returns one (Gotify).</param>
public sealed record NotificationProviderResult(string Provider, bool Success, string? Error = null, long? MessageId = null);
