using Burly.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Burly.Host.Stdio.Commands;

/// <summary>Services for CLI commands: the same registrations as <c>serve</c>, without running a server.</summary>
internal static class CliHost
{
    public static bool TryCreate(out ServiceProvider services)
    {
        var problems = BurlyHostFactory.Validate();
        if (problems.Count > 0)
        {
            Console.Error.WriteLine("burly: the configuration is invalid (see `burly config validate`):");
            foreach (var p in problems)
            {
                Console.Error.WriteLine("  " + p);
            }

            services = null!;
            return false;
        }

        HostApplicationBuilder builder = BurlyHostFactory.CreateBuilder();
        services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        return true;
    }
}
