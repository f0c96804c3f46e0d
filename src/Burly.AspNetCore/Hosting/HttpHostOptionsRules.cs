using System.Net;
using Burly.Configuration;
using FluentValidation;

namespace Burly.Host.Http.Hosting;

/// <summary>Cross-field rules for <see cref="HttpHostOptions"/> (FluentValidation). The fix is carried in <c>CustomState</c>.</summary>
internal sealed class HttpHostOptionsRules : AbstractValidator<HttpHostOptions>
{
    public HttpHostOptionsRules()
    {
        RuleFor(o => o.ApiKeys)
            .Must(k => string.IsNullOrWhiteSpace(k) || k.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .All(p => p.IndexOf(':', StringComparison.Ordinal) is > 0 && p.Split(':')[1].Length > 0))
            .WithMessage("BURLY_API_KEYS must be name:key pairs separated by commas.")
            .WithState(_ => "Write e.g. ops:xxxxxxxx,ci:yyyyyyyy.");

        RuleFor(o => o.ApiKeysFile)
            .Must(f => string.IsNullOrWhiteSpace(f) || File.Exists(f))
            .WithMessage("The API keys file does not exist.")
            .WithState(_ => "Point BURLY_API_KEYS_FILE at an existing file of name:key lines.");

        RuleFor(o => o)
            .Must(h => h.AllowAnonymous || IsLoopback(h.Host) || !string.IsNullOrEmpty(h.ApiKey) || !string.IsNullOrWhiteSpace(h.ApiKeys) || !string.IsNullOrWhiteSpace(h.ApiKeysFile))
            .WithName("Host")
            .WithMessage("A non-loopback listen address is configured but no API key is.")
            .WithState(_ => "Set BURLYMCP_API_KEY (or BURLY_API_KEYS), bind HOST=127.0.0.1, or set ALLOW_ANONYMOUS=true explicitly.");
    }

    internal static bool IsLoopback(string host) =>
        host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
