using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Hosting;

/// <summary>Issue 13 item 11: stateful MCP sessions are bounded per API key (Burly:Http:MaxSessionsPerKey).</summary>
public sealed class SessionLimitTests
{
    private const string OpsKey = "ops-key-5b0e7d6c1a2f4e3d";
    private const string CiKey = "ci-key-9f8e7d6c5b4a3a2b";

    [Test]
    public async Task Initialize_OverThePerKeyLimit_RefusedWith429AuditedAndFreedWhenASessionCloses()
    {
        using var factory = new BurlyHttpFactory(new Dictionary<string, string?>
        {
            ["Burly:Http:ApiKeys"] = $"ops:{OpsKey},ci:{CiKey}",
            ["Burly:Http:MaxSessionsPerKey"] = "2",
            ["Burly:Http:RateLimitDisabled"] = "true",
        });
        using var http = factory.CreateClient();

        var (first, firstId, _) = await InitializeAsync(http, OpsKey);
        var (second, _, _) = await InitializeAsync(http, OpsKey);
        var (third, _, body) = await InitializeAsync(http, OpsKey);
        var (other, _, _) = await InitializeAsync(http, CiKey);

        Assert.That(first, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(third, Is.EqualTo(HttpStatusCode.TooManyRequests), body);
        Assert.That(body, Does.Contain("RATE_LIMITED").And.Contain("sessions_per_key").And.Contain("MaxSessionsPerKey"));
        Assert.That(other, Is.EqualTo(HttpStatusCode.OK), "another key has its own sessions");
        var audited = AuditFile.Events(factory.AuditPath, "rate_limited").ToList();
        Assert.That(audited.Select(r => (string?)r["details"]?["limit"]), Has.Member("sessions_per_key"));
        Assert.That(audited.Select(r => (string?)r["user_id"]), Has.Member("apikey:ops"));

        // Closing a session frees its slot (no restart, no idle timeout needed).
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/mcp");
        delete.Headers.Add("X-Api-Key", OpsKey);
        delete.Headers.Add("Mcp-Session-Id", firstId);
        using (var deleted = await http.SendAsync(delete))
        {
            Assert.That((int)deleted.StatusCode, Is.LessThan(300));
        }

        HttpStatusCode again = default;
        for (var i = 0; i < 50 && again != HttpStatusCode.OK; i++)
        {
            (again, _, _) = await InitializeAsync(http, OpsKey);
            await Task.Delay(again == HttpStatusCode.OK ? 0 : 50);
        }

        Assert.That(again, Is.EqualTo(HttpStatusCode.OK), "the closed session's slot is free again");
    }

    [Test]
    public void Options_MaxSessionsPerKeyZero_RefusedAtStart()
    {
        using var factory = new BurlyHttpFactory(new Dictionary<string, string?> { ["Burly:Http:MaxSessionsPerKey"] = "0" });
        var error = Assert.Catch(() => factory.CreateClient());
        Assert.That(error!.ToString(), Does.Contain("MaxSessionsPerKey"));
    }

    private static async Task<(HttpStatusCode Status, string? SessionId, string Body)> InitializeAsync(HttpClient http, string key)
    {
        var initialize = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "initialize",
            ["params"] = new JsonObject { ["protocolVersion"] = "2025-06-18", ["capabilities"] = new JsonObject(), ["clientInfo"] = new JsonObject { ["name"] = "t", ["version"] = "1" } },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(initialize.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var id = response.Headers.TryGetValues("Mcp-Session-Id", out var values) ? values.First() : null;
        var body = response.StatusCode == HttpStatusCode.OK ? string.Empty : await response.Content.ReadAsStringAsync();
        return (response.StatusCode, id, body);
    }
}
