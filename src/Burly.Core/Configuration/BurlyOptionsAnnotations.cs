using System.Reflection;
using Microsoft.Extensions.Options;

namespace Burly.Configuration;

/// <summary>
/// The DataAnnotations (<c>[Range]</c>, <c>[Required]</c>…) of <see cref="BurlyOptions"/> and each of its sections, checked by
/// source-generated code (<c>[OptionsValidator]</c>): no reflection over the options at start. One validator per section so
/// every problem names its configuration key.
/// </summary>
internal static class BurlyOptionsAnnotations
{
    /// <summary>Adds a problem for every annotation that <paramref name="options"/> breaks.</summary>
    public static void Validate(BurlyOptions options, List<ConfigProblem> problems)
    {
        var root = BurlyOptions.SectionName;
        Add(root, options, new BurlyRootOptionsAnnotations().Validate(root, options), problems);
        Add($"{root}:Audit", options.Audit, new AuditOptionsAnnotations().Validate(null, options.Audit), problems);
        Add($"{root}:Limits", options.Limits, new LimitsOptionsAnnotations().Validate(null, options.Limits), problems);
        Add($"{root}:Notifications", options.Notifications, new NotificationOptionsAnnotations().Validate(null, options.Notifications), problems);
        Add($"{root}:Metrics", options.Metrics, new MetricsOptionsAnnotations().Validate(null, options.Metrics), problems);
        Add($"{root}:Confirmation", options.Confirmation, new ConfirmationOptionsAnnotations().Validate(null, options.Confirmation), problems);
    }

    /// <summary>Failures read "Member: message"; the message names the member as "Type.Member", shown as the member alone.</summary>
    private static void Add(string path, object section, ValidateOptionsResult result, List<ConfigProblem> problems)
    {
        if (!result.Failed || result.Failures is null)
        {
            return;
        }

        foreach (var failure in result.Failures)
        {
            var colon = failure.IndexOf(": ", StringComparison.Ordinal);
            var member = colon > 0 ? failure[..colon] : string.Empty;
            var message = colon > 0 ? failure[(colon + 2)..] : failure;
            message = message.Replace($"{section.GetType().Name}.{member}", member, StringComparison.Ordinal)
                .Replace($"{BurlyOptions.SectionName}.{member}", member, StringComparison.Ordinal);
            var key = member.Length > 0 ? $"{path}:{member}" : path;

            // Only on failure: read the offending value for the message (masked when it is a secret).
            var value = member.Length > 0 ? section.GetType().GetProperty(member, BindingFlags.Public | BindingFlags.Instance)?.GetValue(section)?.ToString() : null;
            problems.Add(new ConfigProblem(BurlyConfigValidator.DisplayKey(key), SecretMasker.MaskIfSecret(key, value), message, "Use a value in the allowed range."));
        }
    }
}

/// <summary>Source-generated DataAnnotations check of <see cref="BurlyOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class BurlyRootOptionsAnnotations : IValidateOptions<BurlyOptions>
{
}

/// <summary>Source-generated DataAnnotations check of <see cref="AuditOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AuditOptionsAnnotations : IValidateOptions<AuditOptions>
{
}

/// <summary>Source-generated DataAnnotations check of <see cref="LimitsOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class LimitsOptionsAnnotations : IValidateOptions<LimitsOptions>
{
}

/// <summary>Source-generated DataAnnotations check of <see cref="NotificationOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class NotificationOptionsAnnotations : IValidateOptions<NotificationOptions>
{
}

/// <summary>Source-generated DataAnnotations check of <see cref="MetricsOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class MetricsOptionsAnnotations : IValidateOptions<MetricsOptions>
{
}

/// <summary>Source-generated DataAnnotations check of <see cref="ConfirmationOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ConfirmationOptionsAnnotations : IValidateOptions<ConfirmationOptions>
{
}
