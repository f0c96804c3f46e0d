using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>Notification options.</summary>
public sealed class NotificationOptions
{
    /// <summary>Gets or sets a value indicating whether notifications are sent (<c>NOTIFICATIONS_ENABLED</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the providers in use: <c>console</c>, <c>gotify</c>, <c>webhook</c> (<c>NOTIFICATION_PROVIDERS</c>).</summary>
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

    /// <summary>Gets the Gotify provider options.</summary>
    public GotifyOptions Gotify { get; set; } = new();

    /// <summary>Gets the webhook provider options.</summary>
    public WebhookOptions Webhook { get; set; } = new();
}

/// <summary>Gotify provider options.</summary>
public sealed class GotifyOptions
{
    /// <summary>Gets or sets the Gotify base URL (<c>GOTIFY_URL</c>).</summary>
    public string? Url { get; set; }

    /// <summary>Gets or sets the application token (<c>GOTIFY_TOKEN</c>). Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>Gets or sets a file holding the token, e.g. a Docker secret (<c>GOTIFY_TOKEN_FILE</c>).</summary>
    public string? TokenFile { get; set; }

    /// <summary>Gets or sets the request timeout in seconds.</summary>
    /// <value>The default value is 10.</value>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Returns the token in effect: <see cref="Token"/>, else the trimmed content of <see cref="TokenFile"/>.</summary>
    /// <returns>The token, or <see langword="null"/> when none is configured or the file cannot be read.</returns>
    public string? ResolveToken()
    {
        if (!string.IsNullOrEmpty(Token))
        {
            return Token;
        }

        if (string.IsNullOrWhiteSpace(TokenFile))
        {
            return null;
        }

        try
        {
            var text = File.ReadAllText(TokenFile).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Generic webhook provider options.</summary>
public sealed class WebhookOptions
{
    /// <summary>Gets or sets the URL a JSON body is posted to (<c>WEBHOOK_NOTIFICATION_URL</c>).</summary>
    public string? Url { get; set; }

    /// <summary>Gets or sets the request timeout in seconds.</summary>
    /// <value>The default value is 10.</value>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;
}
