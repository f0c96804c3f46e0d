using Burly.Notifications;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Burly.Configuration;

/// <summary>
/// Validates one options section: DataAnnotations, then the FluentValidation cross-field rules. The section of a
/// notification channel (<paramref name="channel"/> set) applies its rules only while that channel is in use
/// (<c>NOTIFICATIONS_ENABLED</c> and the name listed in <c>NOTIFICATION_PROVIDERS</c>).
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class BurlyConfigSection<TOptions>(string path, IValidator<TOptions>? rules, string? channel = null) : IBurlyConfigSection, IValidateOptions<TOptions>
    where TOptions : class, new()
{
    private static readonly string NotificationsPath = $"{BurlyOptions.SectionName}:{nameof(BurlyOptions.Notifications)}";

    public string Path { get; } = path;

    /// <summary>Gets the notification channel this section belongs to, if any.</summary>
    public string? Channel { get; } = channel;

    public IReadOnlyList<ConfigProblem> Validate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<ConfigProblem>();
        var options = new TOptions();
        BurlyConfigValidator.BindLeniently(configuration.GetSection(Path), options, Path, problems);
        var active = true;
        if (Channel is not null)
        {
            var notifications = new NotificationOptions();
            BurlyConfigValidator.BindLeniently(configuration.GetSection(NotificationsPath), notifications, NotificationsPath, []); // its problems are the Burly section's
            active = NotificationChannelRegistration.IsActive(notifications, Channel);
        }

        problems.AddRange(ValidateBound(options, active));
        return problems;
    }

    public object Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TOptions();
        configuration.GetSection(Path).Bind(options);
        return options;
    }

    public ValidateOptionsResult Validate(string? name, TOptions options) => Result(ValidateBound(options, active: true));

    /// <summary>Validates bound options; the cross-field rules only when <paramref name="active"/>.</summary>
    internal List<ConfigProblem> ValidateBound(TOptions options, bool active) => BurlyConfigValidator.ValidateObject(options, Path, active ? rules : null);

    internal static ValidateOptionsResult Result(List<ConfigProblem> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
}

/// <summary>Start-up validation of a notification channel's options: its rules apply only while the channel is in use.</summary>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class NotificationChannelOptionsValidation<TOptions>(BurlyConfigSection<TOptions> section, IOptions<BurlyOptions> burly) : IValidateOptions<TOptions>
    where TOptions : class, new()
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        BurlyConfigSection<TOptions>.Result(section.ValidateBound(options, NotificationChannelRegistration.IsActive(burly.Value.Notifications, section.Channel!)));
}
