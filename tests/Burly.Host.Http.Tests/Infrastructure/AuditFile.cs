using System.Text.Json.Nodes;

namespace Burly.Host.Http.Tests.Infrastructure;

/// <summary>Reads an audit log written by the host under test.</summary>
internal static class AuditFile
{
    public static IReadOnlyList<JsonObject> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var records = new List<JsonObject>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                records.Add(JsonNode.Parse(line)!.AsObject());
            }
        }

        return records;
    }

    public static IReadOnlyList<JsonObject> Events(string path, string eventType) =>
        Read(path).Where(r => (string?)r["event_type"] == eventType).ToList();
}
