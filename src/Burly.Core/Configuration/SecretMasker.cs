namespace Burly.Configuration;

/// <summary>Masks secret values for display.</summary>
public static class SecretMasker
{
    /// <summary>The text shown instead of a secret.</summary>
    public const string Mask = "********";

    /// <summary>Returns <see cref="Mask"/> for a non-empty secret, the value itself otherwise.</summary>
    /// <param name="key">The configuration key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The display value.</returns>
    public static string? MaskIfSecret(string key, string? value) =>
        string.IsNullOrEmpty(value) || !IsSecretKey(key) ? value : Mask;

    /// <summary>Tells whether a configuration key holds a secret.</summary>
    /// <param name="key">The configuration key.</param>
    /// <returns><see langword="true"/> for secrets.</returns>
    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return LegacyEnvironmentVariables.SecretKeys.Contains(key)
            || key.EndsWith("Token", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith("ApiKey", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith("ApiKeys", StringComparison.OrdinalIgnoreCase)
            || key.Contains("Password", StringComparison.OrdinalIgnoreCase)
            || key.Contains("Secret", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith("SigningKey", StringComparison.OrdinalIgnoreCase);
    }
}
