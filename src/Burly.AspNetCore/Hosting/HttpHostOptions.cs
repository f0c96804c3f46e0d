using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>Options of Burly's HTTP endpoint, bound from <c>Burly:Http</c>.</summary>
public sealed class HttpHostOptions
{
    /// <summary>Gets or sets the listen address (<c>HOST</c>).</summary>
    /// <value>The default value is <c>127.0.0.1</c>.</value>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the listen port (<c>PORT</c>).</summary>
    /// <value>The default value is 9400.</value>
    [Range(0, 65535)]
    public int Port { get; set; } = 9400;

    /// <summary>Gets or sets the single API key, named <c>default</c> (<c>BURLYMCP_API_KEY</c>). Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets named keys, <c>name:key</c> pairs separated by commas or semicolons (<c>BURLY_API_KEYS</c>). Never logged.</summary>
    public string? ApiKeys { get; set; }

    /// <summary>Gets or sets a file of keys, one <c>name:key[:scope]</c> per line (<c>BURLY_API_KEYS_FILE</c>).</summary>
    public string? ApiKeysFile { get; set; }

    /// <summary>Gets or sets a value indicating whether a non-loopback address may be served with no key (<c>ALLOW_ANONYMOUS</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowAnonymous { get; set; }

    /// <summary>Gets or sets a value indicating whether the rate limiter is off (<c>RATE_LIMIT_DISABLED</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RateLimitDisabled { get; set; }

    /// <summary>Gets or sets the requests allowed per minute per key (else per client address).</summary>
    /// <value>The default value is 60.</value>
    [Range(1, 1_000_000)]
    public int RateLimitPerMinute { get; set; } = 60;

    /// <summary>Gets or sets a value indicating whether MCP runs stateless (no sessions; for replicas behind a load balancer).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Stateless { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether stateless MCP answers a POST with plain <c>application/json</c> (one
    /// response, no SSE framing) when the client accepts JSON and the answer is a single message. Answers that carry
    /// more than one message stay SSE. Only used with <see cref="Stateless"/>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool JsonResponses { get; set; }

    /// <summary>Gets or sets how many TCP connections Kestrel holds at once (idle keep-alive and SSE streams included); more wait in the listen backlog.</summary>
    /// <value>The default value is 500.</value>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 500;

    /// <summary>Gets or sets how long an idle keep-alive connection is kept open, in seconds.</summary>
    /// <value>The default value is 60.</value>
    [Range(1, 3600)]
    public int KeepAliveTimeoutSeconds { get; set; } = 60;

    /// <summary>Gets or sets how long a stateful MCP session may stay idle (no request) before it is closed, in minutes.</summary>
    /// <value>The default value is 30 (the SDK's own default is 2 hours).</value>
    [Range(1, 24 * 60)]
    public int SessionIdleTimeoutMinutes { get; set; } = 30;

    /// <summary>Gets or sets how many idle stateful MCP sessions are kept; past it the oldest idle ones are closed.</summary>
    /// <value>The default value is 1000 (the SDK's own default is 10,000).</value>
    [Range(1, 100_000)]
    public int MaxIdleSessions { get; set; } = 1000;

    /// <summary>
    /// Gets or sets how many stateful MCP sessions one API key (or, without keys, one anonymous caller) may hold open at
    /// once; a further <c>initialize</c> is refused with HTTP 429 <c>RATE_LIMITED</c> (<c>details.limit: sessions_per_key</c>).
    /// </summary>
    /// <value>The default value is 100.</value>
    [Range(1, 100_000)]
    public int MaxSessionsPerKey { get; set; } = 100;

    /// <summary>Gets or sets the browser origins allowed to call the MCP endpoint; requests with another <c>Origin</c> get 403.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
