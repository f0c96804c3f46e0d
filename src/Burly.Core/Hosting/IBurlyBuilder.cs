using Microsoft.Extensions.DependencyInjection;

namespace Burly.Hosting;

/// <summary>Configures Burly's services; returned by <c>services.AddBurly(…)</c>.</summary>
public interface IBurlyBuilder
{
    /// <summary>Gets the service collection.</summary>
    IServiceCollection Services { get; }
}
