using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Hosting;

/// <summary>
/// An SDK primitive collection that can raise <see cref="McpServerPrimitiveCollection{T}.Changed"/> without being
/// mutated, so a policy reload that changes who may see what (not the definitions) still reaches the SDK's
/// per-session <c>*/list_changed</c> machinery; <see cref="McpListChangedFilter"/> then drops it for every
/// session whose own view is unchanged.
/// </summary>
/// <typeparam name="T">The primitive type.</typeparam>
internal sealed class NotifyingPrimitiveCollection<T> : McpServerPrimitiveCollection<T>
    where T : IMcpServerPrimitive
{
    /// <summary>Returns <paramref name="existing"/> when it is already notifying, else a notifying copy of it.</summary>
    public static NotifyingPrimitiveCollection<T> From(McpServerPrimitiveCollection<T>? existing)
    {
        if (existing is NotifyingPrimitiveCollection<T> notifying)
        {
            return notifying;
        }

        var collection = new NotifyingPrimitiveCollection<T>();
        foreach (var primitive in existing ?? [])
        {
            collection.TryAdd(primitive);
        }

        return collection;
    }

    /// <summary>Raises <c>Changed</c> (the SDK then sends the list's <c>list_changed</c> to each stateful session).</summary>
    public void NotifyChanged() => RaiseChanged();
}

/// <summary>
/// Raises <c>Changed</c> on the SDK's (sealed) resource collection without exposing anything: a placeholder that is
/// neither listed (no protocol resource, no template) nor matched is added and removed inside one deferral.
/// </summary>
internal static class ResourceCollectionNotifier
{
    private static readonly Placeholder Instance = new();

    public static void NotifyChanged(McpServerResourceCollection collection)
    {
        using (collection.DeferChangedEvents())
        {
            collection.TryAdd(Instance);
            collection.Remove(Instance);
        }
    }

    private sealed class Placeholder : McpServerResource
    {
        private static readonly ResourceTemplate Template = new() { UriTemplate = "burly-internal://list-changed", Name = "list-changed" };

        public override ResourceTemplate ProtocolResourceTemplate => Template;

        public override Resource? ProtocolResource => null;

        public override IReadOnlyList<object> Metadata => [];

        public override bool IsMatch(string uri) => false;

        public override ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken = default) =>
            throw new ModelContextProtocol.McpProtocolException($"Unknown resource URI: '{request?.Params?.Uri}'.", ModelContextProtocol.McpErrorCode.ResourceNotFound);
    }
}
