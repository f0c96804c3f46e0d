using Burly.Configuration;
using Burly.Extensions.AI;
using Burly.Pipeline;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Burly's tools as Microsoft.Extensions.AI functions, for in-process agents.</summary>
public static class BurlyAIFunctionExtensions
{
    private static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(10);

    /// <summary>Returns one <c>AIFunction</c> per tool the policy exposes to <paramref name="caller"/>; every call goes through the pipeline (transport <c>in-process</c>).</summary>
    /// <param name="invoker">The invoker (the pipeline).</param>
    /// <param name="caller">The caller identity as the application knows it; its transport is set to <c>in-process</c>.</param>
    /// <param name="options">Options, or <see langword="null"/> for defaults.</param>
    /// <returns>The functions and the way to answer their approval requests.</returns>
    public static BurlyAITools AsAIFunctions(this IBurlyToolInvoker invoker, CallerContext caller, BurlyAIFunctionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(caller);
        return new BurlyAITools(invoker, caller with { Transport = CallerContext.InProcessTransport }, options?.TimeProvider ?? TimeProvider.System, options?.ApprovalTimeToLive ?? DefaultTtl);
    }

    /// <summary>Returns one <c>AIFunction</c> per tool the policy exposes to <paramref name="caller"/> (after <c>services.AddBurly(...)</c> and its tool packs).</summary>
    /// <param name="services">The service provider.</param>
    /// <param name="caller">The caller identity; its transport is set to <c>in-process</c>.</param>
    /// <param name="options">Options, or <see langword="null"/> for defaults from the Burly configuration.</param>
    /// <returns>The functions and the way to answer their approval requests.</returns>
    public static BurlyAITools GetBurlyAIFunctions(this IServiceProvider services, CallerContext caller, BurlyAIFunctionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(caller);
        var invoker = services.GetRequiredService<IBurlyToolInvoker>();
        var ttl = options?.ApprovalTimeToLive
            ?? (services.GetService<IOptions<BurlyOptions>>()?.Value.Confirmation.TtlSeconds is int seconds and > 0 ? TimeSpan.FromSeconds(seconds) : DefaultTtl);
        var time = options?.TimeProvider ?? services.GetService<TimeProvider>() ?? TimeProvider.System;
        return new BurlyAITools(invoker, caller with { Transport = CallerContext.InProcessTransport }, time, ttl);
    }

    /// <summary>Returns one <c>AIFunction</c> per tool the policy exposes to the caller named <paramref name="callerId"/>.</summary>
    /// <param name="services">The service provider.</param>
    /// <param name="callerId">The caller identity, e.g. <c>agent:triage</c>; audited as <c>user_id</c>.</param>
    /// <param name="options">Options, or <see langword="null"/> for defaults.</param>
    /// <returns>The functions and the way to answer their approval requests.</returns>
    public static BurlyAITools GetBurlyAIFunctions(this IServiceProvider services, string callerId, BurlyAIFunctionOptions? options = null) =>
        GetBurlyAIFunctions(services, CallerContext.InProcess(callerId), options);
}
