using Burly.Configuration;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Health;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Burly.Notifications;

/// <summary>
/// Sends messages to Gotify: <c>POST {GOTIFY_URL}/message</c> with the application token in the
/// <c>X-Gotify-Key</c> header (never in the URL, so it stays out of proxy logs) and the JSON body
/// <c>{title, message, priority}</c>. The token is <c>GOTIFY_TOKEN</c>, else the content of <c>GOTIFY_TOKEN_FILE</c>
/// (read on each send, so a rotated Docker secret is picked up). Used by the notification queue and by <c>gotify_ping</c>.
/// </summary>
internal sealed partial class GotifyClient
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client (its request logging is removed: no URLs in logs).</summary>
    internal const string HttpClientName = "Burly.Notifications.Gotify";

    private readonly IHttpClientFactory _http;
    private readonly IOptions<GotifyOptions> _options;
    private readonly ILogger<GotifyClient> _logger;

    internal GotifyClient(IHttpClientFactory http, IOptions<GotifyOptions> options, ILogger<GotifyClient> logger)
    {
        _http = http;
        _options = options;
        _logger = logger;
    }

    /// <summary>Gets a value indicating whether a Gotify URL (http or https) and a token are configured.</summary>
    public bool IsConfigured => TryGetMessageUri(out _) && _options.Value.ResolveToken() is not null;

    /// <summary>Sends one message and returns the id Gotify gave it.</summary>
    /// <param name="title">The title.</param>
    /// <param name="message">The message text.</param>
    /// <param name="priority">The Gotify priority (0–10).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The message id, or <see langword="null"/> when Gotify's answer carries none.</returns>
    /// <exception cref="NotificationDeliveryException">Not configured, unreachable, timed out, unauthorised or rejected.</exception>
    public async Task<long?> SendAsync(string title, string message, int priority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(message);
        var options = _options.Value;
        var token = options.ResolveToken();
        if (!TryGetMessageUri(out var uri) || token is null)
        {
            throw new NotificationDeliveryException(NotificationFailureKind.NotConfigured,
                "Gotify is not configured. Set GOTIFY_URL to the Gotify base URL (e.g. http://gotify:80) and GOTIFY_TOKEN (or GOTIFY_TOKEN_FILE) to an application token.");
        }

        var body = new JsonObject { ["title"] = title, ["message"] = message, ["priority"] = Math.Clamp(priority, 0, 10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Gotify-Key", token);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await _http.CreateClient(HttpClientName).SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException(NotificationFailureKind.Timeout,
                $"Gotify did not answer within {options.TimeoutSeconds} s. Check that Gotify is running and reachable at GOTIFY_URL.", null, ex);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(_logger, ex.HttpRequestError.ToString());
            throw new NotificationDeliveryException(NotificationFailureKind.Unreachable,
                "Gotify is not reachable (connection refused, name not resolved or TLS error). Check GOTIFY_URL and that Gotify is running.", null, ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new NotificationDeliveryException(NotificationFailureKind.Unauthorized,
                    $"Gotify rejected the application token (HTTP {status}). Check GOTIFY_TOKEN / GOTIFY_TOKEN_FILE: it must be an application token, not a client token.", status);
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new NotificationDeliveryException(NotificationFailureKind.Rejected,
                    "Gotify answered HTTP 404 for /message. Check that GOTIFY_URL is the Gotify base URL.", status);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new NotificationDeliveryException(NotificationFailureKind.Rejected, $"Gotify answered HTTP {status} ({response.ReasonPhrase}).", status);
            }

            try
            {
                var answer = await response.Content.ReadFromJsonAsync<JsonElement>(linked.Token).ConfigureAwait(false);
                return answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("id", out var id) && id.TryGetInt64(out var value) ? value : null;
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or HttpRequestException)
            {
                return null;
            }
        }
    }

    /// <summary>Checks the configuration and pings Gotify's unauthenticated <c>GET /health</c> (no message is sent).</summary>
    internal async Task<NotificationProviderStatus> CheckHealthAsync(CancellationToken cancellationToken)
    {
        const string Name = GotifyNotificationProvider.ChannelName;
        var options = _options.Value;
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return new NotificationProviderStatus(Name, false, "GOTIFY_URL is not set to an http(s) URL");
        }

        if (string.IsNullOrEmpty(options.ResolveToken()))
        {
            return new NotificationProviderStatus(Name, false, "no token: set GOTIFY_TOKEN or GOTIFY_TOKEN_FILE");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.CreateClient(HttpClientName).GetAsync(new Uri(url, "health"), linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? new NotificationProviderStatus(Name, true, "reachable")
                : new NotificationProviderStatus(Name, false, $"Gotify answered HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException)
        {
            return new NotificationProviderStatus(Name, false, "Gotify is not reachable");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new NotificationProviderStatus(Name, false, "Gotify did not answer in time");
        }
    }

    private bool TryGetMessageUri(out Uri uri)
    {
        uri = null!;
        var url = _options.Value.Url;
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        uri = new Uri(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/message");
        return true;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Gotify is unreachable ({Error}).")]
    private static partial void LogUnreachable(ILogger logger, string error);
}
