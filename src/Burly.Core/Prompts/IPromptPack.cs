namespace Burly.Prompts;

/// <summary>
/// A set of MCP prompts. A prompt is listed and can be fetched only when the policy's <c>prompts:</c> section enables it
/// by <see cref="PromptDefinition.Name"/>; every <c>prompts/get</c> is authorised per caller, bounded and audited
/// (<c>prompt_get</c>). Register with <c>builder.AddPromptPack&lt;T&gt;()</c>; packs are created by dependency injection.
/// </summary>
public interface IPromptPack
{
    /// <summary>Returns the prompts this pack implements.</summary>
    /// <returns>The prompt definitions.</returns>
    IEnumerable<PromptDefinition> GetPrompts();
}
