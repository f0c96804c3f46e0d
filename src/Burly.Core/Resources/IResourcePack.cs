namespace Burly.Resources;

/// <summary>
/// A set of MCP resources (static URIs and URI templates). Like a tool pack, a resource pack only declares what it
/// implements: a resource is listed and readable only when the policy's <c>resources:</c> section enables it by
/// <see cref="ResourceDefinition.Name"/>, and every read is authorised per caller, bounded and audited
/// (<c>resource_read</c>). Register with <c>builder.AddResourcePack&lt;T&gt;()</c>; packs are created by dependency injection.
/// </summary>
public interface IResourcePack
{
    /// <summary>Returns the resources this pack implements.</summary>
    /// <returns>The resource definitions.</returns>
    IEnumerable<ResourceDefinition> GetResources();
}
