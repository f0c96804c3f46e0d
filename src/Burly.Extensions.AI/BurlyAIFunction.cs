using System.Text.Json;
using Burly.Hosting;
using Burly.Pipeline;
using Microsoft.Extensions.AI;

namespace Burly.Extensions.AI;

/// <summary>One Burly tool as an <see cref="AIFunction"/>: the policy's description and schema; calls go through the pipeline.</summary>
internal sealed class BurlyAIFunction : AIFunction
{
    private readonly BurlyAITools _owner;
    private readonly BurlyToolDescriptor _tool;
    private readonly Dictionary<string, object?> _properties;

    public BurlyAIFunction(BurlyAITools owner, BurlyToolDescriptor tool)
    {
        _owner = owner;
        _tool = tool;
        _properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [BurlyAIProperties.ReadOnlyHint] = tool.ReadOnly,
            [BurlyAIProperties.DestructiveHint] = tool.Destructive,
            [BurlyAIProperties.IdempotentHint] = tool.Idempotent,
            [BurlyAIProperties.OpenWorldHint] = tool.OpenWorld,
            [BurlyAIProperties.RequiresConfirmation] = tool.RequiresConfirmation,
        };
    }

    public override string Name => _tool.Name;

    public override string Description => _tool.Description;

    public override JsonElement JsonSchema => _tool.InputSchema;

    public override IReadOnlyDictionary<string, object?> AdditionalProperties => _properties;

    public override JsonSerializerOptions JsonSerializerOptions => AIJsonUtilities.DefaultOptions;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var outcome = await _owner.InvokeAsync(_tool, BurlyAITools.ToElement(arguments), cancellationToken).ConfigureAwait(false);

        // Refusals are results the model can read (ok:false, error code, how to fix), never exceptions that end the loop.
        return JsonSerializer.SerializeToElement(McpResultMapper.ToStructuredContent(outcome));
    }
}
