using System.Security.Cryptography;
using Burly.Configuration;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Authentication;

/// <summary>
/// The API keys of the HTTP host, from <c>BURLYMCP_API_KEY</c> (named <c>default</c>), <c>BURLY_API_KEYS</c>
/// (<c>name:key[:scope]</c> entries separated by commas) and <c>BURLY_API_KEYS_FILE</c> (one entry per line,
/// <c>#</c> comments). Only SHA-256 hashes are kept; lookups compare every hash in constant time.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly Lazy<IReadOnlyList<ApiKeyCredential>> _keys;
    private readonly List<string> _warnings = [];

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The Burly options.</param>
    public ApiKeyStore(IOptions<HttpHostOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = new Lazy<IReadOnlyList<ApiKeyCredential>>(() => Load(options.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the configured keys (loaded on first use).</summary>
    /// <exception cref="ApiKeyConfigurationException">The configuration has problems.</exception>
    public IReadOnlyList<ApiKeyCredential> Keys => _keys.Value;

    /// <summary>Gets a value indicating whether no key is configured, so requests are served anonymously.</summary>
    public bool IsAnonymous => Keys.Count == 0;

    /// <summary>Gets warnings found while loading (weak keys, a world-readable keys file).</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            _ = Keys;
            return _warnings;
        }
    }

    /// <summary>Finds the credential of a presented key. Every configured key is compared, in constant time.</summary>
    /// <param name="presentedKey">The key from the request.</param>
    /// <returns>The credential, or <see langword="null"/>.</returns>
    public ApiKeyCredential? Find(string presentedKey)
    {
        ArgumentNullException.ThrowIfNull(presentedKey);
        var hash = ApiKeyParser.Hash(presentedKey);
        ApiKeyCredential? match = null;
        foreach (var key in Keys)
        {
            // No early exit: the time taken does not depend on which key (if any) matched.
            if (CryptographicOperations.FixedTimeEquals(hash, key.KeyHash))
            {
                match = key;
            }
        }

        return match;
    }

    private List<ApiKeyCredential> Load(HttpHostOptions http)
    {
        var keys = new List<ApiKeyCredential>();
        var problems = new List<string>();
        if (!string.IsNullOrEmpty(http.ApiKey))
        {
            Add("default:" + http.ApiKey.Trim(), "BURLYMCP_API_KEY", keys, problems);
        }

        if (!string.IsNullOrWhiteSpace(http.ApiKeys))
        {
            var entries = http.ApiKeys.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < entries.Length; i++)
            {
                Add(entries[i], $"BURLY_API_KEYS entry {i + 1}", keys, problems);
            }
        }

        if (!string.IsNullOrWhiteSpace(http.ApiKeysFile))
        {
            LoadFile(http.ApiKeysFile, keys, problems);
        }

        foreach (var duplicate in keys.GroupBy(k => k.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"The key name '{duplicate.Key}' is configured more than once ({string.Join(", ", duplicate.Select(k => k.Source))}); names must be unique.");
        }

        for (var i = 0; i < keys.Count; i++)
        {
            for (var j = i + 1; j < keys.Count; j++)
            {
                if (CryptographicOperations.FixedTimeEquals(keys[i].KeyHash, keys[j].KeyHash))
                {
                    problems.Add($"The keys '{keys[i].Name}' and '{keys[j].Name}' are the same key; give each caller its own key.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new ApiKeyConfigurationException(problems);
        }

        return keys;
    }

    private void Add(string entry, string source, List<ApiKeyCredential> keys, List<string> problems)
    {
        if (ApiKeyParser.TryParse(entry, source, out var credential, out var problem))
        {
            keys.Add(credential!);
            if (ApiKeyParser.IsWeak(entry))
            {
                _warnings.Add($"{source}: the key '{credential!.Name}' is shorter than {ApiKeyParser.RecommendedMinimumLength} characters; use a long random key (e.g. openssl rand -hex 32).");
            }
        }
        else
        {
            problems.Add(problem!);
        }
    }

    private void LoadFile(string path, List<ApiKeyCredential> keys, List<string> problems)
    {
        var fileName = Path.GetFileName(path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"BURLY_API_KEYS_FILE ({fileName}) cannot be read: {ex.GetType().Name}. Check that it exists and is readable by this user.");
            return;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            _warnings.Add($"BURLY_API_KEYS_FILE ({fileName}) is readable by other users; chmod 600 it.");
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            Add(line, $"{fileName}:{i + 1}", keys, problems);
        }
    }
}
