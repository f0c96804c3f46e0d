using Burly.Configuration;
using Microsoft.Extensions.Options;

namespace Burly.Health;

/// <summary>Checks provider configuration; pings Gotify's unauthenticated <c>GET /health</c>. A webhook is not called (that would send a message).</summary>
internal sealed class DefaultNotificationHealthProbe(IOptions<BurlyOptions> options) : INotificationHealthProbe
{
    public async Task<IReadOnlyList<NotificationProviderStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        var o = options.Value.Notifications;
        var result = new List<NotificationProviderStatus>();
        foreach (var provider in o.Providers.Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0).Distinct())
        {
            switch (provider)
            {
                case "console":
                    result.Add(new NotificationProviderStatus(provider, true, "writes to stderr"));
                    break;
                case "gotify":
                    result.Add(await ProbeGotifyAsync(o.Gotify, cancellationToken).ConfigureAwait(false));
                    break;
                case "webhook":
                    result.Add(Uri.TryCreate(o.Webhook.Url, UriKind.Absolute, out var hook) && hook.Scheme is "http" or "https"
                        ? new NotificationProviderStatus(provider, true, "configured (not called by health checks)")
                        : new NotificationProviderStatus(provider, false, "WEBHOOK_NOTIFICATION_URL is not set to an http(s) URL"));
                    break;
                default:
                    result.Add(new NotificationProviderStatus(provider, false, "unknown provider (use console, gotify or webhook)"));
                    break;
            }
        }

        return result;
    }

    private static async Task<NotificationProviderStatus> ProbeGotifyAsync(GotifyOptions gotify, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(gotify.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return new NotificationProviderStatus("gotify", false, "GOTIFY_URL is not set to an http(s) URL");
        }

        if (string.IsNullOrEmpty(gotify.ResolveToken()))
        {
            return new NotificationProviderStatus("gotify", false, "no token: set GOTIFY_TOKEN or GOTIFY_TOKEN_FILE");
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(gotify.TimeoutSeconds) };
        try
        {
            using var response = await client.GetAsync(new Uri(url, "health"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? new NotificationProviderStatus("gotify", true, "reachable")
                : new NotificationProviderStatus("gotify", false, $"Gotify answered HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException)
        {
            return new NotificationProviderStatus("gotify", false, "Gotify is not reachable");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new NotificationProviderStatus("gotify", false, "Gotify did not answer in time");
        }
    }
}
