using Burly.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Burly.Host.Stdio;

/// <summary>Builds the host shared by <c>serve</c> and the CLI commands: configuration, stderr logging, Burly and the built-in packs.</summary>
internal static class BurlyHostFactory
{
    /// <summary>Validates the configuration with the validators of Burly and of every registered pack.</summary>
    public static IReadOnlyList<ConfigProblem> Validate()
    {
        var builder = CreateBuilder();
        return BurlyConfigValidator.Validate(builder.Configuration, builder.Services);
    }

    public static IConfigurationRoot BuildConfiguration()
    {
        var builder = new ConfigurationBuilder();
        builder.AddBurlyConfiguration();
        return builder.Build();
    }

    public static HostApplicationBuilder CreateBuilder()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "burly",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddBurlyConfiguration();

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
