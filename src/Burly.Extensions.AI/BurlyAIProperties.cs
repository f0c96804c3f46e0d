namespace Burly.Extensions.AI;

/// <summary>Keys of <c>AIFunction.AdditionalProperties</c> on Burly's functions (the MCP annotation names).</summary>
public static class BurlyAIProperties
{
    /// <summary>The tool changes nothing.</summary>
    public const string ReadOnlyHint = "readOnlyHint";

    /// <summary>The tool changes the system.</summary>
    public const string DestructiveHint = "destructiveHint";

    /// <summary>Repeating the call has no further effect.</summary>
    public const string IdempotentHint = "idempotentHint";

    /// <summary>The tool talks to systems outside the host.</summary>
    public const string OpenWorldHint = "openWorldHint";

    /// <summary>The policy requires confirmation (the function is an approval-required function).</summary>
    public const string RequiresConfirmation = "requiresConfirmation";
}
