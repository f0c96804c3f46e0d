namespace Burly.Hosting;

/// <summary>The transport names written to audit records and passed to <c>WithBurly(…)</c>.</summary>
public static class BurlyTransports
{
    /// <summary>MCP over stdin/stdout.</summary>
    public const string Stdio = "stdio";

    /// <summary>MCP over streamable HTTP (and the legacy JSON endpoint).</summary>
    public const string Http = "http";
}
