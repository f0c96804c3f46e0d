using Burly.Hosting;
using Burly.Prompts;
using Burly.Resources;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers resource and prompt packs (see <see cref="IResourcePack"/>, <see cref="IPromptPack"/>).</summary>
public static class BurlyReadPackBuilderExtensions
{
    /// <summary>Adds a resource pack; its resources are exposed where the policy's <c>resources:</c> section enables them.</summary>
    /// <typeparam name="TPack">The pack type (created by DI, singleton).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddResourcePack<TPack>(this IBurlyBuilder builder)
        where TPack : class, IResourcePack
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IResourcePack, TPack>());
        return builder;
    }

    /// <summary>Adds a prompt pack; its prompts are exposed where the policy's <c>prompts:</c> section enables them.</summary>
    /// <typeparam name="TPack">The pack type (created by DI, singleton).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IBurlyBuilder AddPromptPack<TPack>(this IBurlyBuilder builder)
        where TPack : class, IPromptPack
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPromptPack, TPack>());
        return builder;
    }
}
