namespace Burly.Policy;

/// <summary>One policy text and where it came from.</summary>
/// <param name="Name">The file name (shown in problems).</param>
/// <param name="Text">The YAML text.</param>
/// <param name="BuiltIn">Whether this is the embedded default (entries without an implementation are skipped, not errors).</param>
public sealed record PolicySource(string Name, string Text, bool BuiltIn = false);
