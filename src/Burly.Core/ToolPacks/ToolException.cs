using System.Text.Json.Nodes;

namespace Burly.ToolPacks;

/// <summary>
/// A tool failure with a stable code and a message that is safe to show to the client (no absolute host
/// paths, no secrets). Any other exception becomes <c>TOOL_FAILED</c> with a generic message.
/// </summary>
public sealed class ToolException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="code">A code from <see cref="BurlyErrorCodes"/>.</param>
    /// <param name="message">A client-safe message that says what was wrong and how to fix it.</param>
    /// <param name="details">Optional client-safe details.</param>
    public ToolException(string code, string message, JsonNode? details = null)
        : base(message)
    {
        Code = code;
        Details = details;
    }

    /// <summary>Initializes a new instance.</summary>
    public ToolException()
        : this(BurlyErrorCodes.ToolFailed, "The tool failed.")
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    public ToolException(string message)
        : this(BurlyErrorCodes.ToolFailed, message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause (logged, never shown).</param>
    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = BurlyErrorCodes.ToolFailed;
    }

    /// <summary>Initializes a new instance with a cause.</summary>
    /// <param name="code">A code from <see cref="BurlyErrorCodes"/>.</param>
    /// <param name="message">A client-safe message.</param>
    /// <param name="details">Optional client-safe details.</param>
    /// <param name="innerException">The cause (logged, never shown).</param>
    public ToolException(string code, string message, JsonNode? details, Exception? innerException)
        : base(message, innerException)
    {
        Code = code;
        Details = details;
    }

    /// <summary>Gets the error code.</summary>
    public string Code { get; } = BurlyErrorCodes.ToolFailed;

    /// <summary>Gets client-safe details.</summary>
    public JsonNode? Details { get; }
}
