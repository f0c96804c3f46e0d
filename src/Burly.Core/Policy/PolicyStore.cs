using Burly.Configuration;
using Microsoft.Extensions.Options;

namespace Burly.Policy;

/// <summary>Holds the policy in force. Loaded once at start (a bad policy stops the server); <see cref="Swap"/> replaces it atomically.</summary>
public sealed class PolicyStore : IPolicyProvider
{
    private readonly PolicyLoader _loader;
    private readonly PolicyOptions _options;
    private PolicyDocument? _current;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="loader">The loader.</param>
    /// <param name="options">The options.</param>
    public PolicyStore(PolicyLoader loader, IOptions<BurlyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _loader = loader ?? throw new ArgumentNullException(nameof(loader));
        _options = options.Value.Policy;
    }

    /// <inheritdoc />
    public event EventHandler<PolicyDocument>? Changed;

    /// <inheritdoc />
    public PolicyDocument Current => Volatile.Read(ref _current) ?? LoadInitial();

    /// <summary>Loads the policy from the configured sources without swapping it in (for validation before a reload).</summary>
    /// <returns>The policy.</returns>
    /// <exception cref="PolicyValidationException">The policy has problems.</exception>
    public PolicyDocument LoadFromSources() => _loader.Load(_options.File, _options.Directory);

    /// <summary>Swaps in a validated policy and raises <see cref="Changed"/>.</summary>
    /// <param name="document">The new policy.</param>
    public void Swap(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Volatile.Write(ref _current, document);
        Changed?.Invoke(this, document);
    }

    private PolicyDocument LoadInitial()
    {
        var loaded = LoadFromSources();
        return Interlocked.CompareExchange(ref _current, loaded, null) ?? loaded;
    }
}
