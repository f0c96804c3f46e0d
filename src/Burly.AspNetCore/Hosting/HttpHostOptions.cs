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

    /// <summary>Gets or sets the browser origins allowed to call the MCP endpoint; requests with another <c>Origin</c> get 403.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
