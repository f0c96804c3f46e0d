using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Burly.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Configuration;

/// <summary>
/// Validates a whole configuration and returns every problem at once. Pure: it reads configuration and
/// may look at whether configured files exist, but creates, writes or changes nothing.
/// </summary>
public static class BurlyConfigValidator
{
    // Built once: FluentValidation compiles the rule expressions in the constructor (~10 ms cold); validators are thread-safe.
    private static readonly BurlyOptionsRules Rules = new();

    private static readonly Dictionary<string, string> FlatNameByKey =
        LegacyEnvironmentVariables.Map.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Validates configuration (the <c>Burly</c> section only; notification provider names are checked by the overload that sees the registered channels).</summary>
    /// <param name="configuration">The configuration root (with the <c>Burly</c> section).</param>
    /// <returns>All problems; empty when the configuration is valid.</returns>
    public static IReadOnlyList<ConfigProblem> Validate(IConfiguration configuration) => ValidateRoot(configuration, channels: null);

    /// <summary>Validates configuration: the <c>Burly</c> section and every section a pack or host registered.</summary>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="sections">The registered sections (<c>IEnumerable&lt;IBurlyConfigSection&gt;</c> from DI).</param>
    /// <returns>All problems; empty when the configuration is valid.</returns>
    public static IReadOnlyList<ConfigProblem> Validate(IConfiguration configuration, IEnumerable<IBurlyConfigSection> sections) =>
        Validate(configuration, sections, channels: null);

    /// <summary>
    /// Validates configuration against the <c>Burly</c> section, every section registered in <paramref name="services"/>, and
    /// the notification channels registered there (<c>NOTIFICATION_PROVIDERS</c> may only name those).
    /// </summary>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="services">The services where packs and hosts registered their sections (<c>AddOptionsSection</c>) and channels (<c>AddNotificationChannel</c>).</param>
    /// <returns>All problems; empty when the configuration is valid.</returns>
    public static IReadOnlyList<ConfigProblem> Validate(IConfiguration configuration, IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var instances = services.Select(d => d.ImplementationInstance).ToList();
        return Validate(configuration, instances.OfType<IBurlyConfigSection>(), instances.OfType<NotificationChannelRegistration>());
    }

    /// <summary>Validates bound options (ranges and cross-field rules).</summary>
    /// <param name="options">The options.</param>
    /// <returns>All problems; empty when valid.</returns>
    public static IReadOnlyList<ConfigProblem> Validate(BurlyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigProblem>();
        BurlyOptionsAnnotations.Validate(options, problems);
        var result = Rules.Validate(options);
        foreach (var failure in result.Errors)
        {
            var key = $"{BurlyOptions.SectionName}:{failure.PropertyName.Replace('.', ':')}";
            var fix = failure.CustomState as string ?? "Correct the value.";
            problems.Add(new ConfigProblem(DisplayKey(key), SecretMasker.MaskIfSecret(key, failure.AttemptedValue?.ToString()), failure.ErrorMessage, fix));
        }

        return problems;
    }

    private static List<ConfigProblem> Validate(IConfiguration configuration, IEnumerable<IBurlyConfigSection> sections, IEnumerable<NotificationChannelRegistration>? channels)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var problems = ValidateRoot(configuration, channels);
        foreach (var section in sections.DistinctBy(s => s.Path, StringComparer.OrdinalIgnoreCase))
        {
            problems.AddRange(section.Validate(configuration));
        }

        return problems;
    }

    private static List<ConfigProblem> ValidateRoot(IConfiguration configuration, IEnumerable<NotificationChannelRegistration>? channels)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<ConfigProblem>();
        var options = new BurlyOptions();
        BindLeniently(configuration.GetSection(BurlyOptions.SectionName), options, BurlyOptions.SectionName, problems);
        problems.AddRange(Validate(options));
        if (channels is not null)
        {
            NotificationChannelRegistration.ValidateProviders(options.Notifications, channels, problems);
        }

        return problems;
    }

    /// <summary>Returns the key as shown to operators, with the flat environment name when there is one.</summary>
    /// <param name="key">The configuration key.</param>
    /// <returns>The display key.</returns>
    public static string DisplayKey(string key) =>
        FlatNameByKey.TryGetValue(key, out var flat) ? $"{key} ({flat})" : key;

    internal static List<ConfigProblem> ValidateObject<T>(T options, string path, FluentValidation.IValidator<T>? rules)
        where T : class
    {
        var problems = new List<ConfigProblem>();
        ValidateAnnotations(options, path, problems);
        if (rules is null)
        {
            return problems;
        }

        foreach (var failure in rules.Validate(options).Errors)
        {
            var key = $"{path}:{failure.PropertyName.Replace('.', ':')}";
            var fix = failure.CustomState as string ?? "Correct the value.";
            problems.Add(new ConfigProblem(DisplayKey(key), SecretMasker.MaskIfSecret(key, failure.AttemptedValue?.ToString()), failure.ErrorMessage, fix));
        }

        return problems;
    }

    internal static void BindLeniently(IConfigurationSection section, object target, string path, List<ConfigProblem> problems)
    {
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite)
            {
                continue;
            }

            var key = $"{path}:{property.Name}";
            var child = section.GetSection(property.Name);
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(List<string>))
            {
                if (child.Value is { Length: 0 })
                {
                    property.SetValue(target, new List<string>());
                }
                else if (child.GetChildren().Any())
                {
                    property.SetValue(target, child.GetChildren().Select(c => c.Value ?? string.Empty).ToList());
                }

                continue;
            }

            if (type.IsClass && type != typeof(string))
            {
                var nested = property.GetValue(target) ?? Activator.CreateInstance(type)!;
                BindLeniently(child, nested, key, problems);
                property.SetValue(target, nested);
                continue;
            }

            var raw = child.Value;
            if (raw is null)
            {
                continue;
            }

            if (TryConvert(raw, type, out var value))
            {
                property.SetValue(target, value);
            }
            else
            {
                problems.Add(new ConfigProblem(
                    DisplayKey(key),
                    SecretMasker.MaskIfSecret(key, raw),
                    $"'{SecretMasker.MaskIfSecret(key, raw)}' is not a valid {Describe(type)}.",
                    type == typeof(bool) ? "Use true or false (1/0, yes/no and on/off are accepted for the flat names)." : $"Use a {Describe(type)}."));
            }
        }
    }

    private static bool TryConvert(string raw, Type type, out object? value)
    {
        value = null;
        if (type == typeof(string))
        {
            value = raw;
            return true;
        }

        if (raw.Length == 0 && type != typeof(string))
        {
            return false;
        }

        if (type == typeof(bool))
        {
            var normalized = LegacyEnvironmentVariables.NormalizeBoolean(raw);
            if (bool.TryParse(normalized, out var b))
            {
                value = b;
                return true;
            }

            return false;
        }

        if (type == typeof(int) && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            value = i;
            return true;
        }

        if (type == typeof(long) && long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            value = l;
            return true;
        }

        return false;
    }

    private static string Describe(Type type) =>
        type == typeof(bool) ? "boolean" : type == typeof(int) || type == typeof(long) ? "whole number" : type.Name;

    private static void ValidateAnnotations(object target, string path, List<ConfigProblem> problems)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true);
        foreach (var r in results)
        {
            foreach (var member in r.MemberNames)
            {
                var key = $"{path}:{member}";
                var value = target.GetType().GetProperty(member)?.GetValue(target)?.ToString();
                problems.Add(new ConfigProblem(DisplayKey(key), SecretMasker.MaskIfSecret(key, value), r.ErrorMessage ?? "Invalid value.", "Use a value in the allowed range."));
            }
        }

        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var type = property.PropertyType;
            if (type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && property.GetValue(target) is { } nested)
            {
                ValidateAnnotations(nested, $"{path}:{property.Name}", problems);
            }
        }
    }
}
