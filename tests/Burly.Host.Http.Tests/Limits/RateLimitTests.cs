using System.Diagnostics.Metrics;
using System.Net;
using Burly.Host.Http.Tests.Infrastructure;
using Burly.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Host.Http.Tests.Limits;

/// <summary>The per-key (else per-address) rate limit. Requests are sent back to back, well inside one window.</summary>
public sealed class RateLimitTests
{
    private const string ListTools = """{"id":"rl","method":"list_tools"}""";
    private const string ToolCall = """{"id":"rl","method":"call_tool","name":"disk_space","args":{}}""";
    private BurlyHttpFactory _factory = null!;
    private HttpClient _http = null!;

    [TearDown]
    public void TearDown()
    {
        _http?.Dispose();
        _factory?.Dispose();
    }

    [Test]
    public async Task DefaultLimit_61stRequestInAMinute_Returns429WithRetryAfter()
    {
        Start();
        for (var i = 0; i < 60; i++)
        {
            var (ok, _) = await _http.PostJsonAsync("/mcp", ToolCall);
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");
        }

        var (response, body) = await _http.PostJsonAsync("/mcp", ToolCall);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(response.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60));
        Assert.That((string?)body["error_detail"]!["code"], Is.EqualTo("RATE_LIMITED"));
        Assert.That((int?)body["metrics"]!["exit_code"], Is.EqualTo(429));
        Assert.That((int?)body["error_detail"]!["details"]!["retry_after"], Is.InRange(1, 60));
    }

    [Test]
    public async Task Rejection_WritesAuditRecordAndCounts()
    {
        Start(new() { ["Burly:Http:RateLimitPerMinute"] = "3" });
        using var recorder = new MetricRecorder(_factory.Services.GetRequiredService<BurlyMetrics>().RateLimited);
        for (var i = 0; i < 3; i++)
        {
            await _http.PostJsonAsync("/mcp", ToolCall);
        }

        var (response, body) = await _http.PostJsonAsync("/mcp", """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"disk_space","arguments":{}}}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That((string?)body["error"]!["data"]!["code"], Is.EqualTo("RATE_LIMITED"));
        Assert.That((int?)body["id"], Is.EqualTo(9));
        Assert.That(recorder.Total, Is.EqualTo(1));
        var record = AuditFile.Events(_factory.AuditPath, "rate_limited").Single();
        Assert.That((string?)record["user_id"], Is.EqualTo("anonymous"));
        Assert.That((string?)record["error_code"], Is.EqualTo("RATE_LIMITED"));
        Assert.That((int?)record["details"]!["limit_per_minute"], Is.EqualTo(3));
    }

    [Test]
    public async Task RateLimitDisabled_ManyRequestsAreServed()
    {
        Start(new() { ["RATE_LIMIT_DISABLED"] = null, ["Burly:Http:RateLimitDisabled"] = "true", ["Burly:Http:RateLimitPerMinute"] = "2" });

        for (var i = 0; i < 10; i++)
        {
            var (response, _) = await _http.PostJsonAsync("/mcp", ToolCall);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");
        }
    }

    [Test]
    public async Task RateLimitDisabled_LimiterMiddlewareIsNotInThePipeline()
    {
        Start(new() { ["RATE_LIMIT_DISABLED"] = null, ["Burly:Http:RateLimitDisabled"] = "true" });
        using var measured = new RateLimiterMeasurements(_factory.Services.GetRequiredService<IMeterFactory>());

        await _http.PostJsonAsync("/mcp", ToolCall);

        Assert.That(measured.Count, Is.Zero, "the ASP.NET Core rate limiter saw the request although the limit is off");
    }

    [Test]
    public async Task RateLimitEnabled_LimiterMiddlewareSeesToolCalls()
    {
        Start(new() { ["RATE_LIMIT_DISABLED"] = null });
        using var measured = new RateLimiterMeasurements(_factory.Services.GetRequiredService<IMeterFactory>());

        await _http.PostJsonAsync("/mcp", ToolCall);

        Assert.That(measured.Count, Is.GreaterThan(0));
    }

    [Test]
    public async Task PerKey_EachKeyHasItsOwnBudget()
    {
        Start(new()
        {
            ["Burly:Http:ApiKeys"] = "a:0123456789abcdef-aaaa,b:0123456789abcdef-bbbb",
            ["Burly:Http:RateLimitPerMinute"] = "2",
        });
        await _http.PostJsonAsync("/mcp", ToolCall, apiKey: "0123456789abcdef-aaaa");
        await _http.PostJsonAsync("/mcp", ToolCall, apiKey: "0123456789abcdef-aaaa");
        var (limited, _) = await _http.PostJsonAsync("/mcp", ToolCall, apiKey: "0123456789abcdef-aaaa");

        var (other, _) = await _http.PostJsonAsync("/mcp", ToolCall, apiKey: "0123456789abcdef-bbbb");

        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)AuditFile.Events(_factory.AuditPath, "rate_limited").Single()["user_id"], Is.EqualTo("apikey:a"));
    }

    [Test]
    public async Task ProtocolChatter_IsNotCountedAndThe429NamesTheLimit()
    {
        Start(new() { ["Burly:Http:RateLimitPerMinute"] = "2" });
        string[] chatter =
        [
            ListTools,
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """{"jsonrpc":"2.0","id":1,"method":"ping"}""",
            """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""",
        ];
        for (var i = 0; i < 5; i++)
        {
            foreach (var message in chatter)
            {
                using var response = await _http.SendAsync(HttpExtensions.Post("/mcp", message));
                Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.TooManyRequests), message);
            }
        }

        await _http.PostJsonAsync("/mcp", ToolCall);
        var (second, _) = await _http.PostJsonAsync("/mcp", ToolCall);
        var (limited, body) = await _http.PostJsonAsync("/mcp", ToolCall);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That((string?)body["error"], Does.Contain("2 tool calls per minute"));
        Assert.That((string?)body["error_detail"]!["details"]!["limit"], Is.EqualTo("tool_calls_per_minute"));
    }

    [Test]
    public async Task PublicRoutes_AreNotLimited()
    {
        Start(new() { ["Burly:Http:RateLimitPerMinute"] = "1" });

        for (var i = 0; i < 3; i++)
        {
            using var response = await _http.GetAsync("/health/live");
            Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.TooManyRequests));
        }
    }

    private void Start(Dictionary<string, string?>? settings = null)
    {
        _factory = new BurlyHttpFactory(settings);
        _http = _factory.CreateClient();
    }

    /// <summary>Counts the measurements of ASP.NET Core's rate-limiting middleware in one host (its meter factory).</summary>
    private sealed class RateLimiterMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public RateLimiterMeasurements(IMeterFactory host)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Microsoft.AspNetCore.RateLimiting" && ReferenceEquals(instrument.Meter.Scope, host))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref _count));
            _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _count));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
