using Burly.Configuration;
using System.Text;
using System.Text.Json.Nodes;
using Burly.Health;
using Microsoft.Extensions.Options;

namespace Burly.Notifications;

/// <summary>
/// Posts notifications as JSON to <c>WEBHOOK_NOTIFICATION_URL</c>. The body keeps the Python version's fields
/// (<c>title, message, priority</c> as low/normal/high/critical<c>, category, tool_name, metadata</c>) and adds
/// <c>priority_value</c> (0–10), <c>timestamp</c> and <c>source</c>. Any 2xx answer is success.
/// </summary>
internal sealed class WebhookNotificationProvider(IHttpClientFactory http, IOptions<WebhookOptions> options) : INotificationChannel
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client (request logging removed: webhook URLs often embed secrets).</summary>
    public const string HttpClientName = "Burly.Notifications.Webhook";

    public const string ChannelName = "webhook";

    public string Name => ChannelName;

    /// <summary>Checks the configuration only: calling the webhook would send a message.</summary>
    public Task<NotificationProviderStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Uri.TryCreate(options.Value.Url, UriKind.Absolute, out var hook) && hook.Scheme is "http" or "https"
            ? new NotificationProviderStatus(ChannelName, true, "configured (not called by health checks)")
            : new NotificationProviderStatus(ChannelName, false, "WEBHOOK_NOTIFICATION_URL is not set to an http(s) URL"));

    public async Task<long?> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Url) || !Uri.TryCreate(settings.Url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new NotificationDeliveryException(NotificationFailureKind.NotConfigured,
                "The webhook provider is not configured. Set WEBHOOK_NOTIFICATION_URL to an http(s) URL.");
        }

        var body = new JsonObject
        {
            ["title"] = notification.Title,
            ["message"] = notification.Message,
            ["priority"] = notification.PriorityName,
            ["priority_value"] = notification.Priority,
            ["category"] = notification.Category,
            ["tool_name"] = notification.ToolName,
            ["metadata"] = notification.Metadata?.DeepClone() ?? new JsonObject(),
            ["timestamp"] = notification.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture),
            ["source"] = "burly",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.ParseAdd($"Burly/{BurlyInfo.Version}");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new NotificationDeliveryException(NotificationFailureKind.Rejected, $"The webhook answered HTTP {(int)response.StatusCode}.", (int)response.StatusCode);
            }

            return null;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException(NotificationFailureKind.Timeout, $"The webhook did not answer within {settings.TimeoutSeconds} s.", null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new NotificationDeliveryException(NotificationFailureKind.Unreachable, "The webhook is not reachable. Check WEBHOOK_NOTIFICATION_URL.", null, ex);
        }
    }
}
