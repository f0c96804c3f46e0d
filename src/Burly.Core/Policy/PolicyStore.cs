using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Microsoft.Extensions.Options;

namespace Burly.Policy;

/// <summary>
/// Holds the policy in force. Loaded once at start; <see cref="Swap"/> replaces it atomically. Every policy that
/// loads from the configured files is kept as the last-known-good copy (<c>policy/last-known-good.json</c> under
/// the data directory); a start with invalid policy files falls back to that copy (same files configured) and
/// health reports <c>degraded</c>. Without a copy, a bad policy stops the server.
/// </summary>
public sealed class PolicyStore : IPolicyProvider
{
    private readonly PolicyLoader _loader;
    private readonly PolicyOptions _options;
    private readonly string _lastKnownGoodPath;
    private PolicyDocument? _current;
    private string? _savedFingerprint;
    private LastKnownGoodInUse? _lastKnownGood;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="loader">The loader.</param>
    /// <param name="options">The options.</param>
    internal PolicyStore(PolicyLoader loader, IOptions<BurlyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _loader = loader ?? throw new ArgumentNullException(nameof(loader));
        _options = options.Value.Policy;
        _lastKnownGoodPath = Path.Combine(options.Value.ResolveDataDirectory(), "policy", "last-known-good.json");
    }

    /// <inheritdoc />
    public event EventHandler<PolicyDocument>? Changed;

    /// <inheritdoc />
    public PolicyDocument Current => Volatile.Read(ref _current) ?? LoadInitial();

    /// <summary>Gets, when the policy in force is the last-known-good copy (the files were invalid at start), when it was saved and how many problems the files had.</summary>
    /// <summary>Gets the last-known-good copy in use when the policy files were invalid at start, or <see langword="null"/>.</summary>
    public LastKnownGoodInUse? LastKnownGood => Volatile.Read(ref _lastKnownGood);

    /// <summary>Loads the policy from the configured sources without swapping it in (for validation before a reload).</summary>
    /// <returns>The policy.</returns>
    /// <exception cref="PolicyValidationException">The policy has problems.</exception>
    public PolicyDocument LoadFromSources()
    {
        var sources = PolicyLoader.ReadSources(_options.File, _options.Directory);
        var document = _loader.Load(sources);
        SaveLastKnownGood(sources, document);
        return document;
    }

    /// <summary>The name shown as the source of the embedded default policy.</summary>
    public const string BuiltInSource = PolicyLoader.BuiltInSource;

    /// <summary>Reads the embedded default policy (<c>burly policy show-default</c>).</summary>
    /// <returns>The YAML text.</returns>
    public static string ReadDefaultPolicyText() => PolicyLoader.ReadDefaultPolicyText();

    /// <summary>Loads and validates a policy from other files than the configured ones, without swapping it in or saving it.</summary>
    /// <param name="file">The policy file, or <see langword="null"/> for the embedded default.</param>
    /// <param name="directory">The directory of policy packs, or <see langword="null"/>.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="PolicyValidationException">The policy has problems; all are listed.</exception>
    public PolicyDocument Validate(string? file, string? directory) => _loader.Load(file, directory);

    /// <summary>Swaps in a validated policy and raises <see cref="Changed"/>.</summary>
    /// <param name="document">The new policy.</param>
    public void Swap(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Volatile.Write(ref _current, document);
        Volatile.Write(ref _lastKnownGood, null);
        Changed?.Invoke(this, document);
    }

    private PolicyDocument LoadInitial()
    {
        PolicyDocument loaded;
        try
        {
            loaded = LoadFromSources();
        }
        catch (PolicyValidationException ex) when (TryLoadLastKnownGood(out var copy, out var savedAt))
        {
            loaded = copy;
            Interlocked.CompareExchange(ref _lastKnownGood, new LastKnownGoodInUse(savedAt, ex.Problems.Count), null);
        }

        return Interlocked.CompareExchange(ref _current, loaded, null) ?? loaded;
    }

    private void SaveLastKnownGood(IReadOnlyList<PolicySource> sources, PolicyDocument document)
    {
        if ((string.IsNullOrWhiteSpace(_options.File) && string.IsNullOrWhiteSpace(_options.Directory))
            || string.Equals(Volatile.Read(ref _savedFingerprint), document.Fingerprint, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            if (File.Exists(_lastKnownGoodPath)
                && JsonNode.Parse(File.ReadAllText(_lastKnownGoodPath)) is JsonObject existing
                && existing["fingerprint"]?.GetValue<string>() == document.Fingerprint
                && SameConfiguration(existing))
            {
                Volatile.Write(ref _savedFingerprint, document.Fingerprint);
                return;
            }

            var json = new JsonObject
            {
                ["saved_at"] = TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                ["file"] = _options.File,
                ["directory"] = _options.Directory,
                ["fingerprint"] = document.Fingerprint,
                ["sources"] = new JsonArray(sources.Select(s => (JsonNode?)new JsonObject { ["name"] = s.Name, ["text"] = s.Text, ["built_in"] = s.BuiltIn }).ToArray()),
            };
            Directory.CreateDirectory(Path.GetDirectoryName(_lastKnownGoodPath)!);
            var temp = _lastKnownGoodPath + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, create))
            {
                JsonSerializer.Serialize(stream, json);
            }

            File.Move(temp, _lastKnownGoodPath, overwrite: true);
            Volatile.Write(ref _savedFingerprint, document.Fingerprint);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            // Best effort: a read-only data directory (a CLI run as another user) keeps no copy.
        }
    }

    private bool TryLoadLastKnownGood(out PolicyDocument document, out DateTimeOffset savedAt)
    {
        document = null!;
        savedAt = default;
        try
        {
            if (!File.Exists(_lastKnownGoodPath) || JsonNode.Parse(File.ReadAllText(_lastKnownGoodPath)) is not JsonObject saved || !SameConfiguration(saved))
            {
                return false;
            }

            if (saved["sources"] is not JsonArray items || saved["saved_at"]?.GetValue<string>() is not { } savedText)
            {
                return false;
            }

            var sources = new List<PolicySource>();
            foreach (var item in items)
            {
                if (item?["name"]?.GetValue<string>() is not { } name || item["text"]?.GetValue<string>() is not { } text)
                {
                    return false;
                }

                sources.Add(new PolicySource(name, text, item["built_in"]?.GetValue<bool>() ?? false));
            }

            document = _loader.Load(sources);
            savedAt = DateTimeOffset.Parse(savedText, CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException or PolicyValidationException)
        {
            return false;
        }
    }

    private bool SameConfiguration(JsonObject saved) =>
        string.Equals(saved["file"]?.GetValue<string>() ?? string.Empty, _options.File ?? string.Empty, StringComparison.Ordinal)
        && string.Equals(saved["directory"]?.GetValue<string>() ?? string.Empty, _options.Directory ?? string.Empty, StringComparison.Ordinal);
}

/// <summary>The last-known-good policy is in force: when it was saved, and how many problems the policy files had.</summary>
/// <param name="SavedAt">When the copy was saved.</param>
/// <param name="Problems">The number of problems in the files on disk at start.</param>
public sealed record LastKnownGoodInUse(DateTimeOffset SavedAt, int Problems);
