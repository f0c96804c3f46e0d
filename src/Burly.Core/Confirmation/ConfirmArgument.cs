using System.Text.Json;
using System.Text.Json.Nodes;

namespace Burly.Confirmation;

/// <summary>The <c>_confirm</c> argument: parsing and removal.</summary>
public static class ConfirmArgument
{
    /// <summary>The hash that binds a confirmation or approval to these exact arguments (canonical JSON, SHA-256).</summary>
    /// <param name="arguments">The tool arguments, without <see cref="Name"/>.</param>
    /// <returns>The hash, lower-case hex.</returns>
    public static string Hash(JsonElement arguments) => Burly.Audit.CanonicalJson.Hash(arguments);

    /// <summary>The argument name.</summary>
    public const string Name = "_confirm";

    /// <summary>Tells whether a <c>_confirm</c> value confirms: <c>true</c>, <c>"true"</c>, <c>"yes"</c>, <c>"y"</c>, <c>"1"</c> or <c>1</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when it confirms.</returns>
    public static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => value.GetString()!.Trim().ToLowerInvariant() is "true" or "yes" or "y" or "1",
        JsonValueKind.Number => value.TryGetInt32(out var i) && i == 1,
        _ => false,
    };

    /// <summary>Splits raw arguments into the tool's own arguments and the <c>_confirm</c> value.</summary>
    /// <param name="arguments">The raw arguments.</param>
    /// <returns>The arguments without <c>_confirm</c> (an empty object when none), and the <c>_confirm</c> value if present.</returns>
    public static (JsonElement Arguments, JsonElement? Confirm) Split(JsonElement? arguments)
    {
        if (arguments is not { ValueKind: JsonValueKind.Object } args)
        {
            return (arguments is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } other ? other : EmptyObject(), null);
        }

        if (!args.TryGetProperty(Name, out var confirm))
        {
            return (args, null);
        }

        var copy = new JsonObject();
        foreach (var p in args.EnumerateObject())
        {
            if (p.Name != Name)
            {
                copy[p.Name] = JsonNode.Parse(p.Value.GetRawText());
            }
        }

        return (JsonSerializer.SerializeToElement(copy), confirm.Clone());
    }

    private static JsonElement EmptyObject() => JsonDocument.Parse("{}").RootElement.Clone();
}
