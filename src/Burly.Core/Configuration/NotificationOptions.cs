using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>Notification options shared by every channel; each channel binds its own options section (e.g. <c>Burly:Notifications:Gotify</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>Gets or sets a value indicating whether notifications are sent (<c>NOTIFICATIONS_ENABLED</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>
    /// Gets or sets the channels in use, by name (<c>NOTIFICATION_PROVIDERS</c>): <c>console</c> (built in) and every channel
    /// registered with <c>builder.AddNotificationChannel&lt;T&gt;(name)</c>, e.g. <c>gotify</c> and <c>webhook</c> from Burly.Tools.
    /// An unregistered name is refused at start.
    /// </summary>
    /// <value>The default value is empty, which means <c>console</c> (see <see cref="ResolveProviders"/>).</value>
    /// <remarks>Starts empty because the configuration binder appends to, rather than replaces, a pre-filled list.</remarks>
    public List<string> Providers { get; set; } = [];

    /// <summary>Returns the providers in effect (lower case, distinct; <c>console</c> when none are configured).</summary>
    /// <returns>The provider names.</returns>
    public IReadOnlyList<string> ResolveProviders() =>
        Providers.Count == 0 ? ["console"] : Providers.Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0).Distinct().ToList();

    /// <summary>Gets or sets how many notifications may wait to be sent; more are dropped and counted.</summary>
    /// <value>The default value is 100.</value>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 100;
}
