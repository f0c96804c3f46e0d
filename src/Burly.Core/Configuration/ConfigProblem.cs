namespace Burly.Configuration;

/// <summary>One configuration problem: which key, the (masked) value, what is wrong and how to fix it.</summary>
/// <param name="Key">The configuration key, with its flat environment name when it has one.</param>
/// <param name="Value">The offending value, masked when it is a secret; <see langword="null"/> when missing.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">How to fix it.</param>
public sealed record ConfigProblem(string Key, string? Value, string Message, string Fix)
{
    /// <inheritdoc />
    public override string ToString() =>
        Value is null ? $"{Key}: {Message} Fix: {Fix}" : $"{Key} = '{Value}': {Message} Fix: {Fix}";
}
