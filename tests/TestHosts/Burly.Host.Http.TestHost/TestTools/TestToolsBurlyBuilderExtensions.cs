using Burly.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Burly.Host.Http.TestHost.TestTools;

/// <summary>Registers the test tool pack and its state.</summary>
public static class TestToolsBurlyBuilderExtensions
{
    /// <summary>Adds <see cref="TestToolPack"/>, <see cref="TestGate"/> and <see cref="TestToolLog"/>.</summary>
    /// <param name="builder">The Burly builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddTestTools(this IBurlyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TestGate>();
        builder.Services.TryAddSingleton<TestToolLog>();
        return builder.AddToolPack<TestToolPack>();
    }
}
