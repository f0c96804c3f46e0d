using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Burly.Host.Http.Authentication;

/// <summary>
/// Parses API key entries. One entry is <c>name:key</c> or <c>name:key:scope</c>, where scope is one or more
/// items separated by <c>+</c> or spaces: <c>ro</c> (or <c>readonly</c>) for read-only tools only, and
/// <c>tools=GLOB|GLOB…</c> to limit the key to matching tool names, <c>admin</c> to decide approvals on
/// <c>/admin/approvals</c>. Keys cannot contain <c>:</c>.
/// </summary>
internal static partial class ApiKeyParser
{
    /// <summary>Keys shorter than this are accepted but logged as weak.</summary>
    public const int RecommendedMinimumLength = 16;

    /// <summary>Parses one entry.</summary>
    /// <param name="entry">The entry text.</param>
    /// <param name="source">Where it came from (for messages).</param>
    /// <param name="credential">The credential.</param>
    /// <param name="problem">The problem, never containing the key.</param>
    /// <returns>Whether the entry is valid.</returns>
    public static bool TryParse(string entry, string source, out ApiKeyCredential? credential, out string? problem)
    {
        credential = null;
        problem = null;
        var parts = entry.Trim().Split(':');
        if (parts.Length is < 2 or > 3)
        {
            problem = $"{source}: expected name:key or name:key:scope (keys cannot contain ':').";
            return false;
        }

        var name = parts[0].Trim();
        var key = parts[1].Trim();
        if (!NamePattern().IsMatch(name))
        {
            problem = $"{source}: the key name '{Shorten(name)}' must be 1-64 letters, digits, '.', '_' or '-'.";
            return false;
        }

        if (key.Length == 0)
        {
            problem = $"{source}: the key for '{name}' is empty.";
            return false;
        }

        List<string>? tools = null;
        var readOnly = false;
        var admin = false;
        if (parts.Length == 3)
        {
            foreach (var item in parts[2].Split(['+', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (item.Equals("ro", StringComparison.OrdinalIgnoreCase) || item.Equals("readonly", StringComparison.OrdinalIgnoreCase)
                    || item.Equals("read-only", StringComparison.OrdinalIgnoreCase))
                {
                    readOnly = true;
                }
                else if (item.Equals("admin", StringComparison.OrdinalIgnoreCase))
                {
                    admin = true;
                }
                else if (item.StartsWith("tools=", StringComparison.OrdinalIgnoreCase))
                {
                    var globs = item["tools=".Length..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (globs.Length == 0 || globs.Any(g => !GlobPattern().IsMatch(g)))
                    {
                        problem = $"{source}: the scope of '{name}' has an invalid tools= list; use tool names or globs such as docker_*|disk_space.";
                        return false;
                    }

                    (tools ??= []).AddRange(globs);
                }
                else
                {
                    problem = $"{source}: unknown scope item '{Shorten(item)}' for '{name}'; use ro, admin and/or tools=GLOB|GLOB.";
                    return false;
                }
            }
        }

        credential = new ApiKeyCredential(name, Hash(key), tools, readOnly, source, admin);
        return true;
    }

    /// <summary>Returns the SHA-256 of a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The hash.</returns>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Returns whether a raw entry's key is shorter than recommended.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns><see langword="true"/> when weak.</returns>
    public static bool IsWeak(string entry) => entry.Split(':') is { Length: >= 2 } p && p[1].Trim().Length < RecommendedMinimumLength;

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "…";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_*?\-]{1,128}$")]
    private static partial Regex GlobPattern();
}
