using Burly.Pipeline;

namespace Burly.Prompts;

/// <summary>What a prompt handler receives.</summary>
public sealed class PromptContext
{
    /// <summary>Gets the arguments the client sent (only declared ones; required ones are present).</summary>
    public required IReadOnlyDictionary<string, string> Arguments { get; init; }

    /// <summary>Gets the caller (already authorised).</summary>
    public required CallerContext Caller { get; init; }

    /// <summary>Gets the value of an argument, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The argument name.</param>
    /// <returns>The value.</returns>
    public string? Get(string name) => Arguments.TryGetValue(name, out var value) ? value : null;
}
