using Microsoft.Extensions.DependencyInjection;

namespace Burly.Hosting;

internal sealed class BurlyBuilder(IServiceCollection services) : IBurlyBuilder
{
    public IServiceCollection Services { get; } = services;
}
