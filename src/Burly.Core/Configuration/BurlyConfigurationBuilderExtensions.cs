using Burly.Configuration;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds Burly's configuration sources.</summary>
public static class BurlyConfigurationBuilderExtensions
{
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
