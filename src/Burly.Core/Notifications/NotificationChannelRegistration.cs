using Burly.Configuration;

namespace Burly.Notifications;

/// <summary>
/// The name a notification channel was registered under (<c>builder.AddNotificationChannel&lt;T&gt;(name)</c>). Known before
/// any channel is created, so <c>NOTIFICATION_PROVIDERS</c> is checked against the registered channels by
/// <c>burly config validate</c> and at start (<c>ValidateOnStart</c>).
/// </summary>
/// <param name="Name">The channel name (lower case).</param>
internal sealed record NotificationChannelRegistration(string Name)
{
    /// <summary>Throws when <paramref name="name"/> is not a valid channel name (lower-case letters, digits, '-' and '_').</summary>
    public static void ThrowIfInvalidName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                throw new ArgumentException($"The channel name '{name}' is not valid: use lower-case letters, digits, '-' and '_' (it is matched against NOTIFICATION_PROVIDERS).", nameof(name));
            }
        }
    }

    /// <summary>Adds a problem for every configured provider that no registered channel answers to.</summary>
    public static void ValidateProviders(NotificationOptions options, IEnumerable<NotificationChannelRegistration> registrations, List<ConfigProblem> problems)
    {
        var names = registrations.Select(r => r.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < options.Providers.Count; i++)
        {
            var provider = options.Providers[i].Trim();
            if (provider.Length == 0 || names.Contains(provider.ToLowerInvariant()))
            {
                continue;
            }

            var registered = string.Join(", ", names);
            problems.Add(new ConfigProblem(
                BurlyConfigValidator.DisplayKey($"{BurlyOptions.SectionName}:Notifications:Providers[{i}]"),
                provider,
                $"Unknown notification provider '{provider}': no channel of that name is registered (registered: {registered}).",
                $"Use one of {registered} (comma-separated in NOTIFICATION_PROVIDERS), or register the channel with builder.AddNotificationChannel<T>(\"{provider.ToLowerInvariant()}\")."));
        }
    }

    /// <summary>Returns whether the channel <paramref name="name"/> is in use: notifications enabled and the name listed.</summary>
    public static bool IsActive(NotificationOptions options, string name) =>
        options.Enabled && options.ResolveProviders().Contains(name, StringComparer.Ordinal);
}
