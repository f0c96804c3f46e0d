namespace Burly.ToolPacks;

/// <summary>
/// A set of tools. A pack only declares what it implements; whether a tool is exposed, with which
/// description, schema, timeout and confirmation rules, is decided by the policy, and every call goes
/// through the pipeline. Packs are created by dependency injection, so they can take services.
/// </summary>
public interface IToolPack
{
    /// <summary>Returns the tools this pack implements.</summary>
    /// <returns>The tool definitions.</returns>
    IEnumerable<ToolDefinition> GetTools();
}
