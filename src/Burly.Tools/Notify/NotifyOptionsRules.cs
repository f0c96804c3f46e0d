using Burly.Configuration;
using FluentValidation;

namespace Burly.Tools.Notify;

/// <summary>Rules of the <c>gotify</c> channel, checked while it is in use (the fix is carried in <c>CustomState</c>).</summary>
internal sealed class GotifyOptionsRules : AbstractValidator<GotifyOptions>
{
    public GotifyOptionsRules()
    {
        RuleFor(o => o.Url)
            .Must(NotifyOptionsRules.IsHttpUrl)
            .WithMessage("The Gotify provider is enabled but GOTIFY_URL is missing or not an http(s) URL.")
            .WithState(_ => "Set GOTIFY_URL to the Gotify base URL, e.g. http://gotify:80, or remove gotify from NOTIFICATION_PROVIDERS.");
        RuleFor(o => o)
            .Must(g => !string.IsNullOrEmpty(g.Token) || (!string.IsNullOrWhiteSpace(g.TokenFile) && File.Exists(g.TokenFile)))
            .WithName(nameof(GotifyOptions.Token))
            .WithMessage("The Gotify provider is enabled but no token is configured (GOTIFY_TOKEN, or GOTIFY_TOKEN_FILE pointing to a readable file).")
            .WithState(_ => "Set GOTIFY_TOKEN or GOTIFY_TOKEN_FILE to the application token.");
    }
}

/// <summary>Rules of the <c>webhook</c> channel, checked while it is in use.</summary>
internal sealed class WebhookOptionsRules : AbstractValidator<WebhookOptions>
{
    public WebhookOptionsRules() =>
        RuleFor(o => o.Url)
            .Must(NotifyOptionsRules.IsHttpUrl)
            .WithMessage("The webhook provider is enabled but WEBHOOK_NOTIFICATION_URL is missing or not an http(s) URL.")
            .WithState(_ => "Set WEBHOOK_NOTIFICATION_URL, or remove webhook from NOTIFICATION_PROVIDERS.");
}

/// <summary>Shared checks of the notification channel rules.</summary>
internal static class NotifyOptionsRules
{
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);
}
