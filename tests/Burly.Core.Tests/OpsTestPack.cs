using System.Text.Json.Nodes;
using Burly.ToolPacks;

namespace Burly.Core.Tests;

/// <summary>Implements the tools of TestData/ops-policy.yaml.</summary>
internal sealed class OpsTestPack : IToolPack
{
    public IEnumerable<ToolDefinition> GetTools() =>
    [
        new ToolDefinition { Name = "docker_fake_ps", Description = "fake", Handler = (_, _) => ValueTask.FromResult(ToolResult.Ok("ok", (JsonNode)new JsonObject())) },
        new ToolDefinition { Name = "blog_fake_publish", Description = "fake", Mutates = true, Handler = (_, _) => ValueTask.FromResult(ToolResult.Ok("ok", (JsonNode)new JsonObject())) },
        new ToolDefinition { Name = "echo", Description = "echo", Handler = (c, _) => ValueTask.FromResult(ToolResult.Ok("echo", (JsonNode)new JsonObject { ["text"] = c.Arguments.TryGetProperty("text", out var t) ? t.GetString() : null })) },
    ];
}
