using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Burly.Configuration;
using Microsoft.Extensions.Options;

namespace Burly.Confirmation;

/// <summary>
/// Protects the MRTR <c>requestState</c> of a confirmation: HMAC-SHA256 with a server key, bound to tool and
/// argument hash, short-lived and single-use (a replayed state is refused).
/// </summary>
internal sealed class ConfirmationStateProtector
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options (signing key, TTL).</param>
    /// <param name="time">The time provider.</param>
    public ConfirmationStateProtector(IOptions<BurlyOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.Confirmation.SigningKey;
        _key = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetBytes(32) : SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        _ttl = TimeSpan.FromSeconds(options.Value.Confirmation.TtlSeconds);
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Creates a state for a confirmation question.</summary>
    /// <param name="toolName">The tool.</param>
    /// <param name="argsHash">The argument hash.</param>
    /// <returns>The opaque state.</returns>
    public string Protect(string toolName, string argsHash)
    {
        var payload = new StatePayload(toolName, argsHash, _time.GetUtcNow().Add(_ttl).ToUnixTimeSeconds(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
        var json = JsonSerializer.SerializeToUtf8Bytes(payload, StateJsonContext.Default.StatePayload);
        var mac = HMACSHA256.HashData(_key, json);
        return Base64Url(json) + "." + Base64Url(mac);
    }

    /// <summary>Checks a state: signature, tool, argument hash, expiry and single use. A valid state is consumed.</summary>
    /// <param name="state">The state echoed by the client.</param>
    /// <param name="toolName">The tool being called.</param>
    /// <param name="argsHash">The hash of the arguments being called with.</param>
    /// <returns><see langword="null"/> when valid, else why not.</returns>
    public string? Consume(string? state, string toolName, string argsHash)
    {
        if (string.IsNullOrEmpty(state) || state.Split('.') is not [var body, var sig])
        {
            return "missing or malformed confirmation state";
        }

        byte[] json, mac;
        try
        {
            json = FromBase64Url(body);
            mac = FromBase64Url(sig);
        }
        catch (FormatException)
        {
            return "malformed confirmation state";
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, json), mac))
        {
            return "the confirmation state was not issued by this server or was altered";
        }

        var payload = JsonSerializer.Deserialize(json, StateJsonContext.Default.StatePayload);
        if (payload is null || payload.Tool != toolName || payload.ArgsHash != argsHash)
        {
            return "the confirmation was given for another tool or other arguments";
        }

        var now = _time.GetUtcNow();
        if (now.ToUnixTimeSeconds() > payload.Expires)
        {
            return "the confirmation expired; ask again";
        }

        foreach (var (nonce, expires) in _used)
        {
            if (expires < now)
            {
                _used.TryRemove(nonce, out _);
            }
        }

        return _used.TryAdd(payload.Nonce, DateTimeOffset.FromUnixTimeSeconds(payload.Expires))
            ? null
            : "the confirmation was already used";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}

internal sealed record StatePayload(string Tool, string ArgsHash, long Expires, string Nonce);

[System.Text.Json.Serialization.JsonSerializable(typeof(StatePayload))]
internal sealed partial class StateJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
