namespace Burly.Metrics;

/// <summary>The tag (Prometheus label) names of Burly's instruments.</summary>
public static class BurlyMetricTags
{
    /// <summary>The tool (<c>burly_mcp_tool_executions_total</c>, <c>burly_mcp_denials_total</c>, durations).</summary>
    public const string ToolName = "tool_name";

    /// <summary>The call status (<c>burly_mcp_tool_executions_total</c>).</summary>
    public const string Status = "status";

    /// <summary>The error code (<c>burly_mcp_denials_total</c>).</summary>
    public const string Code = "code";

    /// <summary>The outcome (confirmations, policy reloads, notifications).</summary>
    public const string Result = "result";

    /// <summary>The security-violation type.</summary>
    public const string Type = "type";

    /// <summary>The notification provider.</summary>
    public const string Provider = "provider";

    /// <summary>The build version (<c>burly_mcp_build_info</c>).</summary>
    public const string Version = "version";
}
