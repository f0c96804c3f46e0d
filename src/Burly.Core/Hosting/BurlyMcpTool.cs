using System.Text.Json;
using Burly.Audit;
using Burly.Confirmation;
using Burly.Pipeline;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Hosting;

/// <summary>An MCP tool whose description and schema come from the policy and whose calls go through the pipeline.</summary>
internal sealed class BurlyMcpTool : McpServerTool
{
    private readonly Tool _tool;

    public BurlyMcpTool(ToolPolicy policy, ToolDefinition implementation)
    {
        _tool = new Tool
        {
            Name = policy.Name,
            Description = policy.Description,
            InputSchema = policy.ArgsSchema,
            OutputSchema = ToolOutputSchema.Envelope(policy.OutputSchema),
            Annotations = new ToolAnnotations
            {
                ReadOnlyHint = !policy.Mutates,
                DestructiveHint = policy.Mutates,
                IdempotentHint = implementation.Idempotent,
                OpenWorldHint = implementation.OpenWorld,
            },
        };
    }

    public override Tool ProtocolTool => _tool;

    public override IReadOnlyList<object> Metadata => [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var services = request.Services ?? throw new InvalidOperationException("The MCP request has no service provider.");
        var pipeline = services.GetRequiredService<IBurlyToolInvoker>();
        var protector = services.GetRequiredService<ConfirmationStateProtector>();
        var caller = services.GetRequiredService<IMcpCallerResolver>().Resolve(request);
        var arguments = ToElement(request.Params?.Arguments);

        var outcome = await pipeline.InvokeAsync(new ToolCallRequest
        {
            ToolName = _tool.Name,
            Arguments = arguments,
            Caller = caller,
            RequestId = Guid.NewGuid().ToString("N"),
            ConfirmationChannel = new McpConfirmationChannel(request.Server, protector),
            ConfirmationEvidence = ReadMrtrAnswer(request, protector, arguments),
            Session = new McpToolSession(request.Server, request.Params?.ProgressToken, _tool.Name),
        }, cancellationToken).ConfigureAwait(false);

        if (outcome.PendingConfirmation?.Payload is InputRequiredResult inputRequired)
        {
            throw new InputRequiredException(inputRequired);
        }

        return McpResultMapper.ToCallToolResult(outcome);
    }

    internal static JsonElement ToElement(IDictionary<string, JsonElement>? arguments) =>
        arguments is null ? JsonDocument.Parse("{}").RootElement.Clone() : JsonSerializer.SerializeToElement(arguments);

    /// <summary>On an MRTR retry, the client echoes our signed state and sends the elicitation answer.</summary>
    private ConfirmationEvidence? ReadMrtrAnswer(RequestContext<CallToolRequestParams> request, ConfirmationStateProtector protector, JsonElement arguments)
    {
        if (request.Params?.InputResponses is not { } responses || !responses.TryGetValue(McpConfirmationChannel.InputKey, out var response))
        {
            return null;
        }

        var (toolArguments, _) = ConfirmArgument.Split(arguments);
        if (protector.Consume(request.Params.RequestState, _tool.Name, CanonicalJson.Hash(toolArguments)) is not null)
        {
            return null; // Forged, replayed or stale: ask again.
        }

        var answer = response.Deserialize(InputResponse.ElicitResultJsonTypeInfo);
        return ConfirmationEvidence.FromElicitation(answer is not null && McpConfirmationChannel.IsAccepted(answer));
    }
}
