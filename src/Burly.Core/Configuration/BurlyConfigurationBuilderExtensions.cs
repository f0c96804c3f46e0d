using Burly.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds Burly's configuration sources.</summary>
public static class BurlyConfigurationBuilderExtensions
{
    /// <summary>
    /// Adds Burly's configuration sources with one precedence for every host (last wins): <c>appsettings.json</c> next
    /// to the binary → the Python version's flat environment variables (<c>PORT</c>, <c>AUDIT_LOG_PATH</c>…) → other
    /// environment variables (<c>Burly__Http__Port</c>) → the <c>BURLY_CONFIG</c> JSON file → whatever followed the
    /// environment variables already (e.g. the command line of a web application builder).
    /// </summary>
    /// <param name="configuration">The configuration builder (empty, or a host builder's configuration manager).</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddBurlyConfiguration(this IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sources = configuration.Sources;
        var environment = -1;
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                environment = i;
                break;
            }
        }

        if (environment < 0)
        {
            environment = sources.Count;
            sources.Add(new EnvironmentVariablesConfigurationSource());
        }

        // The application's own appsettings.json (next to the binary, whatever the working directory), then the flat names.
        var appSettings = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Optional = true };
        appSettings.ResolveFileProvider();
        sources.Insert(environment, appSettings);
        sources.Insert(environment + 1, new LegacyEnvironmentConfigurationSource());

        if (Environment.GetEnvironmentVariable("BURLY_CONFIG") is { Length: > 0 } file)
        {
            var extra = new JsonConfigurationSource { Path = Path.GetFullPath(file), Optional = false };
            extra.ResolveFileProvider();
            sources.Insert(environment + 3, extra);
        }

        return configuration;
    }

    /// <summary>
    /// Adds the Python version's flat environment variables (<c>AUDIT_LOG_PATH</c>, <c>PORT</c>, …).
    /// Add it before the .NET environment variables so an explicit <c>Burly__X</c> wins.
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="variables">Variables to read instead of the process environment (tests).</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddBurlyLegacyEnvironmentVariables(this IConfigurationBuilder builder, System.Collections.IDictionary? variables = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new LegacyEnvironmentConfigurationSource { Variables = variables });
    }
}
