using System.Text.Json;
using Burly.ToolPacks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

// Sampling is deprecated from protocol 2026-07-28 (SEP-2577); the conformance suite tests it on 2025-11-25.
#pragma warning disable MCP9005

namespace Burly.Samples.Conformance;

/// <summary>
/// The conformance fixtures that talk to the client while they run (progress, log messages, sampling, elicitation) or
/// return rich content, written on the public pack API: <see cref="ToolContext.Session"/> and <see cref="ToolResult.Content"/>.
/// Their policy entries allow the client requests they send (<c>client_requests</c>).
/// </summary>
internal static class ConformanceClientRequestTools
{
    // A 1x1 red PNG and a minimal (silent, 1-sample) WAV.
    internal const string RedPixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    private const string TinyWav = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQIAAAAAAA==";

    public static IEnumerable<ToolDefinition> GetTools()
    {
        yield return Tool("test_image_content", "Returns an image (conformance fixture).", (_, _) =>
            ValueTask.FromResult(new ToolResult { Summary = "An image.", Content = [Image()] }));

        yield return Tool("test_audio_content", "Returns audio (conformance fixture).", (_, _) =>
            ValueTask.FromResult(new ToolResult
            {
                Summary = "An audio clip.",
                Content = [new AudioContentBlock { Data = System.Text.Encoding.UTF8.GetBytes(TinyWav), MimeType = "audio/wav" }],
            }));

        yield return Tool("test_embedded_resource", "Returns an embedded resource (conformance fixture).", (_, _) =>
            ValueTask.FromResult(new ToolResult
            {
                Summary = "An embedded resource.",
                Content = [new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "test://embedded-resource", MimeType = "text/plain", Text = "This is an embedded resource content." } }],
            }));

        yield return Tool("test_multiple_content_types", "Returns text, an image and a resource (conformance fixture).", (_, _) =>
            ValueTask.FromResult(new ToolResult
            {
                Summary = "Multiple content types test:",
                Content =
                [
                    Image(),
                    new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "test://mixed-content-resource", MimeType = "application/json", Text = "{\"test\":\"data\",\"value\":123}" } },
                ],
            }));

        yield return Tool("test_tool_with_logging", "Sends three log messages (conformance fixture).", async (context, ct) =>
        {
            await context.Session.LogAsync(LogLevel.Information, "Tool execution started", ct).ConfigureAwait(false);
            await Task.Delay(50, ct).ConfigureAwait(false);
            await context.Session.LogAsync(LogLevel.Information, "Tool processing data", ct).ConfigureAwait(false);
            await Task.Delay(50, ct).ConfigureAwait(false);
            await context.Session.LogAsync(LogLevel.Information, "Tool execution completed", ct).ConfigureAwait(false);
            return ToolResult.Ok("Logging test completed.");
        });

        yield return Tool("test_tool_with_progress", "Reports progress 0, 50, 100 of 100 (conformance fixture).", async (context, ct) =>
        {
            foreach (var step in new[] { 0, 50, 100 })
            {
                await context.Session.ReportProgressAsync(step, 100, cancellationToken: ct).ConfigureAwait(false);
                if (step < 100)
                {
                    await Task.Delay(50, ct).ConfigureAwait(false);
                }
            }

            return ToolResult.Ok("Progress test completed.");
        });

        yield return Tool("test_sampling", "Asks the client's model to answer a prompt (conformance fixture).", async (context, ct) =>
        {
            var answer = await context.Session.SampleAsync(new CreateMessageRequestParams
            {
                Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = context.GetString("prompt") ?? string.Empty }] }],
                MaxTokens = 100,
            }, ct).ConfigureAwait(false);
            var text = string.Concat(answer.Content.OfType<TextContentBlock>().Select(b => b.Text));
            return ToolResult.Ok($"LLM response: {text}");
        });

        yield return Tool("test_elicitation", "Asks the user for a username and an email (conformance fixture).", async (context, ct) =>
        {
            var answer = await context.Session.ElicitAsync(Elicit(context.GetString("message") ?? "Please provide your details", """
                {"type":"object","properties":{"username":{"type":"string","description":"User's response"},"email":{"type":"string","description":"User's email address"}},"required":["username","email"]}
                """), ct).ConfigureAwait(false);
            return ToolResult.Ok($"User response: action={answer.Action}, content={JsonSerializer.Serialize(answer.Content)}");
        });

        yield return Tool("test_elicitation_sep1034_defaults", "Elicits with default values for every primitive type (conformance fixture).", async (context, ct) =>
        {
            var answer = await context.Session.ElicitAsync(Elicit("Please review and update the form fields with defaults", """
                {"type":"object","properties":{
                  "name":{"type":"string","description":"User name","default":"John Doe"},
                  "age":{"type":"integer","description":"User age","default":30},
                  "score":{"type":"number","description":"User score","default":95.5},
                  "status":{"type":"string","description":"User status","enum":["active","inactive","pending"],"default":"active"},
                  "verified":{"type":"boolean","description":"Verification status","default":true}}}
                """), ct).ConfigureAwait(false);
            return ToolResult.Ok($"Elicitation completed: action={answer.Action}, content={JsonSerializer.Serialize(answer.Content)}");
        });

        yield return Tool("test_elicitation_sep1330_enums", "Elicits with all five enum schema variants (conformance fixture).", async (context, ct) =>
        {
            var answer = await context.Session.ElicitAsync(Elicit("Please select options from the enum fields", """
                {"type":"object","properties":{
                  "untitledSingle":{"type":"string","description":"Untitled single-select","enum":["option1","option2","option3"]},
                  "titledSingle":{"type":"string","description":"Titled single-select","oneOf":[{"const":"value1","title":"First Option"},{"const":"value2","title":"Second Option"},{"const":"value3","title":"Third Option"}]},
                  "legacyEnum":{"type":"string","description":"Legacy titled enum","enum":["opt1","opt2","opt3"],"enumNames":["Option One","Option Two","Option Three"]},
                  "untitledMulti":{"type":"array","description":"Untitled multi-select","items":{"type":"string","enum":["option1","option2","option3"]}},
                  "titledMulti":{"type":"array","description":"Titled multi-select","items":{"anyOf":[{"const":"value1","title":"First Choice"},{"const":"value2","title":"Second Choice"},{"const":"value3","title":"Third Choice"}]}}}}
                """), ct).ConfigureAwait(false);
            return ToolResult.Ok($"Elicitation completed: action={answer.Action}, content={JsonSerializer.Serialize(answer.Content)}");
        });
    }

    private static ImageContentBlock Image() => new() { Data = System.Text.Encoding.UTF8.GetBytes(RedPixelPng), MimeType = "image/png" };

    private static ElicitRequestParams Elicit(string message, string schemaJson) => new()
    {
        Message = message,
        RequestedSchema = JsonSerializer.Deserialize<ElicitRequestParams.RequestSchema>(schemaJson, McpJsonUtilities.DefaultOptions)!,
    };

    private static ToolDefinition Tool(string name, string description, ToolHandler handler) => new()
    {
        Name = name,
        Description = description,
        Idempotent = true,
        Handler = handler,
    };
}
