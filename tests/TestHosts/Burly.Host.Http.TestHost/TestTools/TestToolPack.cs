using System.Text.Json.Nodes;
using Burly.ToolPacks;

namespace Burly.Host.Http.TestHost.TestTools;

/// <summary>Test-only tools: <c>test_mutate</c> (mutating), <c>test_slow</c> (waits on a gate), <c>test_ops_only</c> (for policy <c>allow</c>).</summary>
public sealed class TestToolPack(TestGate gate, TestToolLog log) : IToolPack
{
    /// <inheritdoc />
    public IEnumerable<ToolDefinition> GetTools()
    {
        yield return new ToolDefinition
        {
            Name = "test_mutate",
            Description = "Changes a test target.",
            Mutates = true,
            DefaultSchema = ToolDefinition.Schema("""{"type":"object","properties":{"target":{"type":"string"}},"required":["target"],"additionalProperties":false}"""),
            Handler = (context, _) =>
            {
                var target = context.GetString("target") ?? string.Empty;
                log.Calls.Enqueue("test_mutate:" + target);
                return ValueTask.FromResult(ToolResult.Ok("Changed " + target, new JsonObject { ["target"] = target, ["changed"] = true }));
            },
        };

        yield return new ToolDefinition
        {
            Name = "test_slow",
            Description = "Waits until the test releases it.",
            Handler = async (_, cancellationToken) =>
            {
                await gate.WaitAsync(cancellationToken);
                log.Calls.Enqueue("test_slow:");
                return ToolResult.Ok("Slow call finished", new JsonObject { ["finished"] = true });
            },
        };

        yield return new ToolDefinition
        {
            Name = "test_ops_only",
            Description = "A read-only tool the policy allows only for the ops key.",
            Handler = (_, _) => ValueTask.FromResult(ToolResult.Ok("ops only", new JsonObject { ["ok"] = true })),
        };
    }
}
