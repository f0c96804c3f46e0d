namespace Burly.Pipeline;

/// <summary>The pipeline as <see cref="IBurlyToolInvoker"/>: listing for a caller (invoking is <see cref="InvokeAsync"/>).</summary>
public sealed partial class ToolCallPipeline : IBurlyToolInvoker
{
    /// <inheritdoc />
    public IReadOnlyList<BurlyToolDescriptor> ListTools(CallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var tools = new List<BurlyToolDescriptor>();
        foreach (var policy in _policy.Current.Tools.Values)
        {
            if (!_catalog.Tools.TryGetValue(policy.Name, out var implementation) || _authorizer.Authorize(caller, policy) is not null)
            {
                continue;
            }

            tools.Add(new BurlyToolDescriptor
            {
                Name = policy.Name,
                Description = policy.Description,
                InputSchema = policy.ArgsSchema,
                ReadOnly = !policy.Mutates,
                Destructive = policy.Mutates,
                Idempotent = implementation.Idempotent,
                OpenWorld = implementation.OpenWorld,
                RequiresConfirmation = policy.RequiresConfirm,
                Policy = policy,
            });
        }

        return tools;
    }
}
