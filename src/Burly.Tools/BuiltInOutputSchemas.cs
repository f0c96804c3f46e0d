using System.Text.Json;
using Burly.ToolPacks;

namespace Burly.Tools;

/// <summary>
/// The <c>data</c> schemas of the built-in tools (published inside the result envelope's <c>outputSchema</c>,
/// checked by the pipeline before every answer). They pin the keys clients rely on and their types; extra keys are allowed
/// so a tool can add fields without breaking clients.
/// </summary>
internal static class BuiltInOutputSchemas
{
    private const string Str = "{\"type\":\"string\"}";
    private const string StrOrNull = "{\"type\":[\"string\",\"null\"]}";
    private const string Int = "{\"type\":\"integer\"}";
    private const string IntOrNull = "{\"type\":[\"integer\",\"null\"]}";
    private const string Num = "{\"type\":\"number\"}";
    private const string Bool = "{\"type\":\"boolean\"}";
    private const string BoolOrNull = "{\"type\":[\"boolean\",\"null\"]}";

    public static JsonElement DockerPs { get; } = Schema(
        ("containers", Array(Object(("id", Str), ("names", Array(Str)), ("image", StrOrNull), ("state", StrOrNull), ("status", StrOrNull), ("ports", Array(Str))))),
        ("count", Int), ("running", Int), ("all", Bool));

    public static JsonElement DockerInspect { get; } = Schema(
        ("id", Str), ("name", Str), ("image", StrOrNull), ("restart_count", Int),
        ("state", "{\"type\":[\"object\",\"null\"]}"), ("config", "{\"type\":[\"object\",\"null\"]}"));

    public static JsonElement DockerLogs { get; } = Schema(
        ("container", Str), ("id", Str), ("tail", Int), ("stdout", Str), ("stderr", Str),
        ("stdout_lines", Int), ("stderr_lines", Int), ("truncated", Bool), ("dropped_bytes", Int));

    public static JsonElement DockerStats { get; } = Schema(
        ("container", Str), ("id", Str), ("cpu_percent", Num),
        ("memory", Object(("usage_bytes", Int), ("limit_bytes", Int), ("percent", Num))),
        ("network", Object(("rx_bytes", Int), ("tx_bytes", Int))),
        ("block_io", Object(("read_bytes", Int), ("write_bytes", Int))));

    public static JsonElement DockerLifecycle { get; } = Schema(
        ("container", Str), ("id", Str), ("action", Str), ("changed", Bool),
        ("state_before", StrOrNull), ("state", StrOrNull), ("running", BoolOrNull), ("exit_code", IntOrNull), ("restart_count", IntOrNull));

    public static JsonElement DiskSpace { get; } = Schema(
        ("filesystems", Array(Object(("filesystem", StrOrNull), ("type", StrOrNull), ("mounted_on", Str), ("size_bytes", Int), ("used_bytes", Int),
            ("available_bytes", Int), ("use_percent", Int), ("above_threshold", Bool)))),
        ("count", Int), ("threshold_percent", Int), ("high_usage", Array(Str)), ("errors", "{\"type\":\"array\"}"), ("partial", Bool));

    public static JsonElement BlogStage { get; } = Schema(
        ("valid", Bool), ("front_matter", "{\"type\":[\"object\",\"null\"]}"), ("validation_errors", Array(Str)), ("file_path", Str), ("file_size", Int));

    public static JsonElement BlogPublish { get; } = Schema(
        ("published", Array(Object(("file", Str), ("bytes", Int), ("overwritten", Bool)))), ("files_written", Int), ("total_bytes", Int), ("overwrite", Bool));

    public static JsonElement GotifyPing { get; } = Schema(
        ("message_id", "{\"type\":[\"integer\",\"string\",\"null\"]}"), ("title", Str), ("message", Str), ("priority", Int));

    private static JsonElement Schema(params (string Name, string Schema)[] properties) => ToolDefinition.Schema(Object(properties));

    /// <summary>An object schema text requiring every listed property (values are schema JSON texts).</summary>
    private static string Object(params (string Name, string Schema)[] properties) =>
        "{\"type\":\"object\",\"properties\":{" + string.Join(",", properties.Select(p => $"\"{p.Name}\":{p.Schema}")) + "},\"required\":["
        + string.Join(",", properties.Select(p => $"\"{p.Name}\"")) + "]}";

    private static string Array(string items) => "{\"type\":\"array\",\"items\":" + items + "}";
}
