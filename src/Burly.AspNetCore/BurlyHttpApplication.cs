using Burly.Configuration;
using Burly.Host.Http.Authentication;
using Burly.Host.Http.Hosting;
using Burly.Policy;

namespace Burly.Host.Http;

/// <summary>
/// Starts the HTTP host: configuration precedence, validation before anything is created, and exit codes
/// (0 after a clean stop, 1 for invalid configuration, policy or keys, or an address that cannot be bound).
/// </summary>
public static class BurlyHttpApplication
{
    /// <summary>
    /// Creates the web application builder with Burly's configuration precedence (last wins):
    /// <c>appsettings.json</c> → the Python version's flat environment variables (<c>PORT</c>, <c>AUDIT_LOG_PATH</c>…)
    /// → other environment variables (<c>Burly__Http__Port</c>) → the <c>BURLY_CONFIG</c> JSON file → command line.
    /// </summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddBurlyConfiguration();
        return builder;
    }

    /// <summary>
    /// Validates the configuration with the validators of every registered section (call it after adding Burly and the
    /// packs, before <c>Build()</c>) and prints every problem.
    /// </summary>
    /// <param name="builder">The web application builder.</param>
    /// <param name="error">Where problems are written (stderr).</param>
    /// <returns><see langword="true"/> when the host may start.</returns>
    public static bool ValidateConfiguration(WebApplicationBuilder builder, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(error);
        var configuration = builder.Configuration;
        var problems = BurlyConfigValidator.Validate(configuration, builder.Services).Select(p => p.ToString()).ToList();

        var host = configuration["Burly:Http:Host"];
        if (host is not null && ListenAddress.Parse(host) is null)
        {
            problems.Add($"Burly:Http:Host (HOST) = '{host}': not an IP address or localhost. Fix: use 127.0.0.1, 0.0.0.0, ::, * or localhost.");
        }

        if (problems.Count == 0)
        {
            return true;
        }

        error.WriteLine("burly-http: the configuration is invalid:");
        foreach (var problem in problems)
        {
            error.WriteLine("  " + problem);
        }

        return false;
    }

    /// <summary>Loads the policy and the API keys (so their problems stop the start), then runs until SIGTERM/SIGINT.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            _ = app.Services.GetRequiredService<IPolicyProvider>().Current;
            if (app.Services.GetService<PolicyStore>()?.LastKnownGood is { } copy)
            {
                await Console.Error.WriteLineAsync($"burly-http: WARNING: the policy files are invalid ({copy.Problems} problem(s)); serving the last-known-good policy saved {copy.SavedAt:O}. Health is degraded until the files are fixed and reloaded (`burly policy validate`).").ConfigureAwait(false);
            }

            _ = app.Services.GetRequiredService<ApiKeyStore>().Keys;
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (PolicyValidationException ex)
        {
            await Console.Error.WriteLineAsync("burly-http: " + ex.Message).ConfigureAwait(false);
        }
        catch (ApiKeyConfigurationException ex)
        {
            await Console.Error.WriteLineAsync("burly-http: " + ex.Message).ConfigureAwait(false);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("burly-http: the configuration is invalid: " + string.Join("; ", ex.Failures)).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync("burly-http: cannot listen: " + ex.Message).ConfigureAwait(false);
        }

        return 1;
    }
}
