using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.ToolPacks;

namespace Burly.Policy;

/// <summary>Reads a tool's <c>client_requests</c> list (which requests the tool may send to the client).</summary>
internal static class ClientRequestsPolicy
{
    public static IReadOnlySet<string> Parse(JsonObject body, Action<string> problem)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        if (!body.TryGetPropertyValue("client_requests", out var node) || node is null)
        {
            return allowed;
        }

        if (node is not JsonArray items)
        {
            problem($"'client_requests' must be a list of: {string.Join(", ", ClientRequestKinds.All)}.");
            return allowed;
        }

        foreach (var item in items)
        {
            if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String && ClientRequestKinds.All.Contains(v.GetValue<string>()))
            {
                allowed.Add(v.GetValue<string>());
            }
            else
            {
                problem($"'client_requests' has '{item?.ToJsonString() ?? "null"}'; allowed values: {string.Join(", ", ClientRequestKinds.All)}.");
            }
        }

        return allowed;
    }
}
