using System.Net;
using FluentValidation;

namespace Burly.Configuration;

/// <summary>Cross-field rules for <see cref="BurlyOptions"/> (FluentValidation). The fix is carried in <c>CustomState</c>.</summary>
internal sealed class BurlyOptionsRules : AbstractValidator<BurlyOptions>
{
    private static readonly string[] LogLevels = ["Trace", "Debug", "Information", "Info", "Warning", "Warn", "Error", "Critical", "None"];
    private static readonly string[] ProviderNames = ["console", "gotify", "webhook"];

    public BurlyOptionsRules()
    {
        RuleFor(o => o.LogLevel)
            .Must(l => LogLevels.Contains(l, StringComparer.OrdinalIgnoreCase))
            .WithMessage("Unknown log level.")
            .WithState(_ => "Use one of Trace, Debug, Information, Warning, Error, Critical.");

        RuleFor(o => o.Audit.Arguments)
            .Must(a => a is "redacted" or "hash_only")
            .WithMessage("Unknown audit argument mode.")
            .WithState(_ => "Use 'redacted' (default) or 'hash_only'.");

        RuleForEach(o => o.Notifications.Providers)
            .Must(p => ProviderNames.Contains(p, StringComparer.OrdinalIgnoreCase))
            .WithMessage("Unknown notification provider.")
            .WithState(_ => "Use console, gotify and/or webhook (comma-separated in NOTIFICATION_PROVIDERS).");

        When(o => o.Notifications.Enabled && o.Notifications.Providers.Contains("gotify", StringComparer.OrdinalIgnoreCase), () =>
        {
            RuleFor(o => o.Notifications.Gotify.Url)
                .Must(IsHttpUrl)
                .WithMessage("The Gotify provider is enabled but GOTIFY_URL is missing or not an http(s) URL.")
                .WithState(_ => "Set GOTIFY_URL to the Gotify base URL, e.g. http://gotify:80, or remove gotify from NOTIFICATION_PROVIDERS.");
            RuleFor(o => o.Notifications.Gotify)
                .Must(g => !string.IsNullOrEmpty(g.Token) || (!string.IsNullOrWhiteSpace(g.TokenFile) && File.Exists(g.TokenFile)))
                .WithName("Notifications.Gotify.Token")
                .WithMessage("The Gotify provider is enabled but no token is configured (GOTIFY_TOKEN, or GOTIFY_TOKEN_FILE pointing to a readable file).")
                .WithState(_ => "Set GOTIFY_TOKEN or GOTIFY_TOKEN_FILE to the application token.");
        });

        When(o => o.Notifications.Enabled && o.Notifications.Providers.Contains("webhook", StringComparer.OrdinalIgnoreCase), () =>
            RuleFor(o => o.Notifications.Webhook.Url)
                .Must(IsHttpUrl)
                .WithMessage("The webhook provider is enabled but WEBHOOK_NOTIFICATION_URL is missing or not an http(s) URL.")
                .WithState(_ => "Set WEBHOOK_NOTIFICATION_URL, or remove webhook from NOTIFICATION_PROVIDERS."));

        RuleFor(o => o.Policy.File)
            .Must(f => string.IsNullOrWhiteSpace(f) || File.Exists(f))
            .WithMessage("The policy file does not exist.")
            .WithState(_ => "Point POLICY_FILE at an existing tools.yaml, or unset it to use the built-in default policy.");

        RuleFor(o => o.Policy.Directory)
            .Must(d => string.IsNullOrWhiteSpace(d) || Directory.Exists(d))
            .WithMessage("The policy directory does not exist.")
            .WithState(_ => "Point POLICY_DIR at an existing directory of *.yaml packs, or unset it.");
    }

    internal static bool IsLoopback(string host) =>
        host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);
}
