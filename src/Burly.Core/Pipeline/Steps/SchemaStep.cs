using System.Text.Json.Nodes;
using Burly.Configuration;

namespace Burly.Pipeline.Steps;

/// <summary>Pipeline step 2, schema: validates the arguments (without <c>_confirm</c>) against the tool's schema and the size/depth limits.</summary>
internal sealed class SchemaStep(LimitsOptions limits, TimeProvider time)
{
    private readonly ArgumentValidator _validator = new();

    /// <summary>Validates the arguments of a resolved call.</summary>
    /// <param name="call">The call (<see cref="ToolCallState.Tool"/> set).</param>
    /// <param name="wellFormed">Whether the arguments were well-formed Unicode (they were replaced by <c>{}</c> if not).</param>
    /// <returns>The refusal listing every violation, or <see langword="null"/>.</returns>
    public ToolCallOutcome? Check(ToolCallState call, bool wellFormed)
    {
        var tool = call.Tool!;
        var problems = wellFormed
            ? _validator.Validate(tool, call.Arguments, limits.MaxArgumentDepth, limits.MaxArgumentBytes)
            : ["/: a string is not valid Unicode (a lone UTF-16 surrogate); send well-formed text"];
        return problems.Count == 0
            ? null
            : call.Refuse(time, ToolCallStatus.Invalid, BurlyErrorCodes.InvalidArguments,
                $"Invalid arguments for '{tool.Name}': {string.Join("; ", problems)}. Fix them to match the tool's inputSchema.",
                new JsonObject { ["violations"] = ArgumentValidator.ToJson(problems) });
    }
}
