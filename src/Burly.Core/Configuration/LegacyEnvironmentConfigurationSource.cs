using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Burly.Configuration;

/// <summary>Configuration source that maps the Python version's flat environment variables onto <c>Burly:*</c> keys.</summary>
public sealed class LegacyEnvironmentConfigurationSource : IConfigurationSource
{
    /// <summary>Gets or sets the variables to read; <see langword="null"/> reads the process environment.</summary>
    public IDictionary? Variables { get; set; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new LegacyEnvironmentConfigurationProvider(Variables);
}

internal sealed class LegacyEnvironmentConfigurationProvider(IDictionary? variables) : ConfigurationProvider
{
    public override void Load()
    {
        var env = variables ?? Environment.GetEnvironmentVariables();
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, key) in LegacyEnvironmentVariables.Map)
        {
            if (env[name] is not string value)
            {
                continue;
            }

            // METRICS_PORT= (as compose files write it to switch the listener off) means unset, like METRICS_PORT=0.
            if (value.Length == 0 && LegacyEnvironmentVariables.OffWhenEmptyVariables.Contains(name))
            {
                continue;
            }

            if (LegacyEnvironmentVariables.ListVariables.Contains(name))
            {
                var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                for (var i = 0; i < items.Length; i++)
                {
                    data[$"{key}:{i}"] = items[i];
                }

                // An empty list must still override the default list.
                if (items.Length == 0)
                {
                    data[key] = string.Empty;
                }
            }
            else if (LegacyEnvironmentVariables.BooleanVariables.Contains(name))
            {
                data[key] = LegacyEnvironmentVariables.NormalizeBoolean(value);
            }
            else
            {
                data[key] = value;
            }
        }

        Data = data;
    }
}
