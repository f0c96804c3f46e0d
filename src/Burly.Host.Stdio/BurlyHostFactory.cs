using Burly.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Burly.Host.Stdio;

/// <summary>Builds the host shared by <c>serve</c> and the CLI commands: configuration, stderr logging, Burly and the built-in packs.</summary>
internal static class BurlyHostFactory
{
    /// <summary>Configuration precedence (last wins): appsettings.json → flat env (POLICY_FILE…) → Burly__X env → BURLY_CONFIG file.</summary>
    public static void AddBurlyConfiguration(IConfigurationBuilder configuration)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddBurlyLegacyEnvironmentVariables();
        configuration.AddEnvironmentVariables();
        if (Environment.GetEnvironmentVariable("BURLY_CONFIG") is { Length: > 0 } file)
        {
            configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }
    }

    public static IConfigurationRoot BuildConfiguration()
    {
        var builder = new ConfigurationBuilder();
        AddBurlyConfiguration(builder);
        return builder.Build();
    }

    public static HostApplicationBuilder CreateBuilder()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "burly",
            ContentRootPath = AppContext.BaseDirectory,
        });
        AddBurlyConfiguration(builder.Configuration);

        // Logs go to stderr only: stdout carries nothing but protocol (serve) or command output (CLI).
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(BurlyLogLevel.Parse(builder.Configuration["Burly:LogLevel"]));
        builder.Logging.AddFilter("ModelContextProtocol", level => level >= LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", level => level >= LogLevel.Warning);
        builder.Services.AddBurly(builder.Configuration).AddBuiltInTools();
        return builder;
    }

}
