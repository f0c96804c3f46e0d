using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Burly.Host.Http.Tests.Infrastructure;

/// <summary>Raw HTTP helpers for the legacy endpoint and error responses.</summary>
internal static class HttpExtensions
{
    public static HttpRequestMessage Post(string path, string json, string? apiKey = null, bool bearer = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (apiKey is not null)
        {
            if (bearer)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }
            else
            {
                request.Headers.Add("X-Api-Key", apiKey);
            }
        }

        return request;
    }

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> SendJsonAsync(this HttpClient http, HttpRequestMessage request)
    {
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            text = text.Split('\n').Last(l => l.StartsWith("data:", StringComparison.Ordinal))[5..];
        }

        var body = JsonNode.Parse(text) as JsonObject ?? throw new AssertionException($"Not a JSON object ({(int)response.StatusCode}): {text}");
        return (response, body);
    }

    public static Task<(HttpResponseMessage Response, JsonObject Body)> PostJsonAsync(this HttpClient http, string path, string json, string? apiKey = null, bool bearer = false) =>
        http.SendJsonAsync(Post(path, json, apiKey, bearer));
}
