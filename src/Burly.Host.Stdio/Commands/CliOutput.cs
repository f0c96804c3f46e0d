using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.Host.Stdio.Commands;

/// <summary>JSON output for the CLI.</summary>
internal static class CliOutput
{
    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Json(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";
}
