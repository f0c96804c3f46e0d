using System.Net;
using FluentValidation;

namespace Burly.Configuration;

/// <summary>Cross-field rules for <see cref="BurlyOptions"/> (FluentValidation). The fix is carried in <c>CustomState</c>.</summary>
internal sealed class BurlyOptionsRules : AbstractValidator<BurlyOptions>
{
    private static readonly string[] LogLevels = ["Trace", "Debug", "Information", "Info", "Warning", "Warn", "Error", "Critical", "None"];

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
}
