using System.Text;
using Burly.Completions;
using Burly.Prompts;
using Burly.Resources;
using ModelContextProtocol.Protocol;

namespace Burly.Samples.Conformance;

/// <summary>
/// The conformance suite's resource, prompt and completion fixtures, written as an ordinary resource and prompt pack on
/// Burly's public API (<see cref="IResourcePack"/>, <see cref="IPromptPack"/>); conformance-policy.yaml enables each.
/// </summary>
public sealed class ConformanceReadPack : IResourcePack, IPromptPack
{
    /// <inheritdoc />
    public IEnumerable<ResourceDefinition> GetResources()
    {
        yield return new ResourceDefinition
        {
            Name = "test_static_text",
            Uri = "test://static-text",
            Description = "A static text resource (conformance fixture).",
            MimeType = "text/plain",
            Read = (_, _) => ValueTask.FromResult(ResourceContent.FromText("This is the content of the static text resource.")),
        };
        yield return new ResourceDefinition
        {
            Name = "test_static_binary",
            Uri = "test://static-binary",
            Description = "A static binary resource, a 1x1 PNG (conformance fixture).",
            MimeType = "image/png",
            Read = (_, _) => ValueTask.FromResult(ResourceContent.FromBytes(Convert.FromBase64String(ConformanceClientRequestTools.RedPixelPng))),
        };
        yield return new ResourceDefinition
        {
            Name = "test_template",
            Uri = "test://template/{id}/data",
            Description = "A resource template substituting {id} (conformance fixture).",
            MimeType = "application/json",
            Read = (context, _) => ValueTask.FromResult(ResourceContent.FromText(
                System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["id"] = context.Variables["id"], ["templateTest"] = true, ["data"] = $"Data for ID: {context.Variables["id"]}" }))),
            Complete = (request, _) => ValueTask.FromResult<IReadOnlyList<string>>(new[] { "123", "456" }.Where(v => v.StartsWith(request.Value, StringComparison.Ordinal)).ToList()),
        };
        yield return new ResourceDefinition
        {
            Name = "test_watched_resource",
            Uri = "test://watched-resource",
            Description = "A resource clients may subscribe to (conformance fixture).",
            MimeType = "text/plain",
            Subscribable = true,
            Read = (_, _) => ValueTask.FromResult(ResourceContent.FromText("Watched resource content.")),
        };
    }

    /// <inheritdoc />
    public IEnumerable<PromptDefinition> GetPrompts()
    {
        yield return new PromptDefinition
        {
            Name = "test_simple_prompt",
            Description = "A prompt without arguments (conformance fixture).",
            Get = (_, _) => Messages(Text("This is a simple prompt for testing.")),
        };
        yield return new PromptDefinition
        {
            Name = "test_prompt_with_arguments",
            Description = "A prompt with two arguments (conformance fixture).",
            Arguments =
            [
                new PromptArgumentDefinition { Name = "arg1", Description = "First test argument", Required = true },
                new PromptArgumentDefinition { Name = "arg2", Description = "Second test argument", Required = true },
            ],
            Get = (context, _) => Messages(Text($"Prompt with arguments: arg1='{context.Get("arg1")}', arg2='{context.Get("arg2")}'")),
            Complete = (request, _) => ValueTask.FromResult<IReadOnlyList<string>>(
                new[] { "paris", "park", "party" }.Where(v => v.StartsWith(request.Value, StringComparison.Ordinal)).ToList()),
        };
        yield return new PromptDefinition
        {
            Name = "test_prompt_with_embedded_resource",
            Description = "A prompt embedding a resource (conformance fixture).",
            Arguments = [new PromptArgumentDefinition { Name = "resourceUri", Description = "URI of the resource to embed", Required = true }],
            Get = (context, _) => Messages(
                new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = context.Get("resourceUri")!, MimeType = "text/plain", Text = "Embedded resource content for testing." } },
                Text("Please process the embedded resource above.")),
        };
        yield return new PromptDefinition
        {
            Name = "test_prompt_with_image",
            Description = "A prompt with an image (conformance fixture).",
            Get = (_, _) => Messages(
                new ImageContentBlock { Data = Encoding.UTF8.GetBytes(ConformanceClientRequestTools.RedPixelPng), MimeType = "image/png" },
                Text("Please analyze the image above.")),
        };
    }

    private static TextContentBlock Text(string text) => new() { Text = text };

    private static ValueTask<IReadOnlyList<PromptMessage>> Messages(params ContentBlock[] blocks) =>
        ValueTask.FromResult<IReadOnlyList<PromptMessage>>(blocks.Select(b => new PromptMessage { Role = Role.User, Content = b }).ToList());
}
