namespace Burly.Hosting;

/// <summary>
/// A sentence a tool pack adds to the MCP server instructions (what the server operates). Register with
/// <c>builder.AddServerInstructions("…")</c>; the instructions sent to clients are composed from every registration.
/// </summary>
/// <param name="Text">The sentence, e.g. "Docker: list, inspect, read logs of and restart allow-listed containers.".</param>
internal sealed record BurlyServerInstructions(string Text)
{
    /// <summary>The sentence every Burly server starts with.</summary>
    public const string Preamble = "Burly runs tools under a policy. Mutating tools ask for confirmation; every call is audited.";

    /// <summary>Composes the instructions: the preamble, then each registered sentence once, in registration order.</summary>
    /// <param name="parts">The registered sentences.</param>
    /// <returns>The instructions text.</returns>
    public static string Compose(IEnumerable<BurlyServerInstructions> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var texts = parts.Select(p => p.Text.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal);
        return string.Join(" ", new[] { Preamble }.Concat(texts));
    }
}
