using Burly.Notifications;
using Microsoft.Extensions.Options;

namespace Burly.Configuration;

/// <summary>
/// Runs <see cref="BurlyConfigValidator"/> as options validation, so a bad configuration fails at start; also checks
/// <c>NOTIFICATION_PROVIDERS</c> against the notification channels registered in DI.
/// </summary>
internal sealed class BurlyOptionsValidation(IEnumerable<NotificationChannelRegistration> channels) : IValidateOptions<BurlyOptions>
{
    public ValidateOptionsResult Validate(string? name, BurlyOptions options)
    {
        var problems = new List<ConfigProblem>(BurlyConfigValidator.Validate(options));
        NotificationChannelRegistration.ValidateProviders(options.Notifications, channels, problems);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
    }
}
