using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>Options of the generic <c>webhook</c> notification channel (section <c>Burly:Notifications:Webhook</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Gets or sets the URL a JSON body is posted to (<c>WEBHOOK_NOTIFICATION_URL</c>).</summary>
    public string? Url { get; set; }

    /// <summary>Gets or sets the request timeout in seconds.</summary>
    /// <value>The default value is 10.</value>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;
}
