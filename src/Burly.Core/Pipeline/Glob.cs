using System.Text.RegularExpressions;

namespace Burly.Pipeline;

/// <summary>Shell-style globs (<c>*</c>, <c>?</c>) for names.</summary>
public static class Glob
{
    /// <summary>Tells whether a name matches a glob (ordinal, whole name).</summary>
    /// <param name="pattern">The glob.</param>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public static bool IsMatch(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        if (!pattern.Contains('*', StringComparison.Ordinal) && !pattern.Contains('?', StringComparison.Ordinal))
        {
            return string.Equals(pattern, name, StringComparison.Ordinal);
        }

        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(name, regex, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    }
}
