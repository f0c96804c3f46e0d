using System.Text.Json.Nodes;
using Burly.ToolPacks;

namespace Burly.Core.Tests.TestSupport;

/// <summary>Small tools with controllable behaviour, for pipeline tests.</summary>
public sealed class TestToolPack : IToolPack
{
    public TaskCompletionSource SlowGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource SlowStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool SlowObservedCancellation { get; private set; }

    public int MutateCalls => _mutateCalls;

    public int EchoCalls => _echoCalls;

    public string BigText { get; set; } = new string('x', 100);

    private int _mutateCalls;
    private int _echoCalls;

    public IEnumerable<ToolDefinition> GetTools()
    {
        yield return new ToolDefinition
        {
            Name = "echo",
            Description = "Echo a message.",
            Idempotent = true,
            Handler = (ctx, _) =>
            {
                Interlocked.Increment(ref _echoCalls);
                return ValueTask.FromResult(ToolResult.Ok("echoed", new JsonObject { ["message"] = ctx.GetString("message") }));
            },
        };
        yield return new ToolDefinition
        {
            Name = "mutate",
            Description = "Change something.",
            Mutates = true,
            Handler = (ctx, _) =>
            {
                Interlocked.Increment(ref _mutateCalls);
                return ValueTask.FromResult(ToolResult.Ok("changed", new JsonObject { ["target"] = ctx.GetString("target") }));
            },
        };
        yield return new ToolDefinition
        {
            Name = "slow",
            Description = "Wait for a gate.",
            Handler = async (_, ct) =>
            {
                SlowStarted.TrySetResult();
                try
                {
                    await SlowGate.Task.WaitAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    SlowObservedCancellation = true;
                    throw;
                }

                return ToolResult.Ok("done");
            },
        };
        yield return new ToolDefinition
        {
            Name = "fail",
            Description = "Throw.",
            Handler = (_, _) => throw new InvalidOperationException("boom at /srv/secret/path/file.txt"),
        };
        yield return new ToolDefinition
        {
            Name = "coded_fail",
            Description = "Throw a ToolException.",
            Handler = (_, _) => throw new ToolException(BurlyErrorCodes.DependencyUnavailable, "The engine is down. Start it."),
        };
        yield return new ToolDefinition
        {
            Name = "progress",
            Description = "Report three progress steps and log one message.",
            Handler = async (ctx, ct) =>
            {
                for (var i = 1; i <= 3; i++)
                {
                    await ctx.Session.ReportProgressAsync(i, 3, $"step {i}", ct);
                }

                await ctx.Session.LogAsync(Microsoft.Extensions.Logging.LogLevel.Warning, "progress tool says hello", ct);
                return ToolResult.Ok("done");
            },
        };
        yield return new ToolDefinition
        {
            Name = "big",
            Description = "Return a lot of text.",
            Handler = (_, _) => ValueTask.FromResult(ToolResult.Ok("big", new JsonObject { ["text"] = BigText })),
        };
            yield return new ToolDefinition
        {
            Name = "ask",
            Description = "Elicit a name, then sample a greeting.",
            Handler = async (ctx, ct) =>
            {
                var answer = await ctx.Session.ElicitAsync(new ModelContextProtocol.Protocol.ElicitRequestParams
                {
                    Message = "Which container?",
                    RequestedSchema = new() { Properties = { ["name"] = new ModelContextProtocol.Protocol.ElicitRequestParams.StringSchema() } },
                }, ct);
                if (ctx.GetString("sample") == "yes")
                {
#pragma warning disable MCP9005
                    await ctx.Session.SampleAsync(new ModelContextProtocol.Protocol.CreateMessageRequestParams { Messages = [], MaxTokens = 10 }, ct);
#pragma warning restore MCP9005
                }

                return ToolResult.Ok("asked", new JsonObject { ["action"] = answer.Action });
            },
        };
        yield return new ToolDefinition
        {
            Name = "rich",
            Description = "Return an image, audio and an embedded resource of the requested size.",
            Handler = (ctx, _) =>
            {
                var size = ctx.GetInt32("size", 8);
                var data = System.Text.Encoding.UTF8.GetBytes(new string('A', size));
                return ValueTask.FromResult(new ToolResult
                {
                    Summary = "rich",
                    Content =
                    [
                        new ModelContextProtocol.Protocol.ImageContentBlock { Data = data, MimeType = "image/png" },
                        new ModelContextProtocol.Protocol.AudioContentBlock { Data = data, MimeType = "audio/wav" },
                        new ModelContextProtocol.Protocol.EmbeddedResourceBlock { Resource = new ModelContextProtocol.Protocol.TextResourceContents { Uri = "test://r", Text = new string('t', size) } },
                        new ModelContextProtocol.Protocol.ResourceLinkBlock { Uri = "test://link", Name = "link" },
                    ],
                });
            },
        };
}
}
