using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>Limits the pipeline applies to every call.</summary>
public sealed class LimitsOptions
{
    /// <summary>Gets or sets how many tool calls may run at once (<c>MAX_CONCURRENT_TOOLS</c>).</summary>
    /// <value>The default value is 10.</value>
    [Range(1, 1000)]
    public int MaxConcurrentTools { get; set; } = 10;

    /// <summary>Gets or sets how long a call waits for a free slot before it is refused with <c>BUSY</c>, in milliseconds.</summary>
    /// <value>The default value is 5000.</value>
    [Range(0, 300_000)]
    public int AdmissionTimeoutMs { get; set; } = 5000;

    /// <summary>Gets or sets the output cap in bytes for tools whose policy sets no <c>max_output_bytes</c> (<c>MAX_OUTPUT_SIZE</c>); 0 uses the policy's <c>output_truncate_limit</c>.</summary>
    /// <value>The default value is 0.</value>
    [Range(0, 64 * 1024 * 1024)]
    public int MaxOutputSize { get; set; }

    /// <summary>Gets or sets the maximum HTTP request body in bytes (<c>MAX_REQUEST_SIZE</c>).</summary>
    /// <value>The default value is 10240.</value>
    [Range(256, 64 * 1024 * 1024)]
    public int MaxRequestSize { get; set; } = 10 * 1024;

    /// <summary>Gets or sets the maximum nesting depth of tool arguments.</summary>
    /// <value>The default value is 20.</value>
    [Range(1, 64)]
    public int MaxArgumentDepth { get; set; } = 20;

    /// <summary>Gets or sets the maximum size of the serialized tool arguments, in bytes.</summary>
    /// <value>The default value is 65536.</value>
    [Range(64, 64 * 1024 * 1024)]
    public int MaxArgumentBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets the cap, in bytes of base64 text, of one image block in a tool result; a larger block is replaced by a text note.</summary>
    /// <value>The default value is 1048576.</value>
    [Range(0, 64 * 1024 * 1024)]
    public int MaxImageBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the cap, in bytes of base64 text, of one audio block in a tool result; a larger block is replaced by a text note.</summary>
    /// <value>The default value is 1048576.</value>
    [Range(0, 64 * 1024 * 1024)]
    public int MaxAudioBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the cap, in bytes, of one embedded resource's text or base64 blob in a tool result; a larger text is cut, a larger blob replaced by a text note.</summary>
    /// <value>The default value is 262144.</value>
    [Range(0, 64 * 1024 * 1024)]
    public int MaxResourceBytes { get; set; } = 256 * 1024;

    /// <summary>Gets or sets how many extra content blocks (image, audio, resource link, embedded resource) one tool result may carry; the rest are dropped.</summary>
    /// <value>The default value is 16.</value>
    [Range(0, 1000)]
    public int MaxContentBlocks { get; set; } = 16;

    /// <summary>Gets or sets the longest stdio protocol line, in bytes (<c>MAX_STDIO_LINE_BYTES</c>); a longer line is refused before parsing.</summary>
    /// <value>The default value is 1048576 (1 MiB).</value>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxStdioLineBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the deepest JSON nesting of a stdio protocol line; a deeper line is refused before parsing.</summary>
    /// <value>The default value is 64.</value>
    [Range(8, 256)]
    public int MaxStdioJsonDepth { get; set; } = 64;

    /// <summary>Gets or sets how long in-flight calls may take to finish at shutdown or stdin EOF, in seconds.</summary>
    /// <value>The default value is 10.</value>
    [Range(0, 300)]
    public int ShutdownGraceSeconds { get; set; } = 10;
}
