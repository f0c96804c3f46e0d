using System.Text.Json;

namespace Burly.Pipeline;

/// <summary>Checks that every string and property name in a JSON value decodes to valid UTF-16 (no lone surrogate escape such as <c>"\ud800"</c>).</summary>
internal static class JsonText
{
    /// <summary>Tells whether a value's strings are all well formed.</summary>
    /// <param name="element">The value.</param>
    /// <returns><see langword="false"/> when a string cannot be decoded.</returns>
    public static bool IsWellFormed(JsonElement element)
    {
        try
        {
            return Walk(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                return true;
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    _ = p.Name;
                    if (!Walk(p.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!Walk(item))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }
}
