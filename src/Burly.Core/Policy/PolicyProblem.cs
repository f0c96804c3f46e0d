namespace Burly.Policy;

/// <summary>One problem in a policy, located by file, line and tool.</summary>
/// <param name="File">The file (or <c>(built-in)</c>).</param>
/// <param name="Line">The 1-based line, or 0 when unknown.</param>
/// <param name="Tool">The tool name, or <see langword="null"/> for file-level problems.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record PolicyProblem(string File, int Line, string? Tool, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Tool is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: tool '{Tool}': {Message}";
}
