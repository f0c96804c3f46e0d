using System.Text.Json;
using Burly.Audit;
using Burly.Metrics;
using Burly.Pipeline;
using Burly.Pipeline.Steps;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Burly.Core.Tests.Pipeline.Steps;

/// <summary>Small policies, tools and calls for the unit tests of the pipeline steps.</summary>
internal static class StepTestData
{
    public static readonly CallerContext Caller = new() { UserId = "apikey:ops", Transport = "http" };

    public static ToolPolicy Tool(string name = "echo", bool mutates = false, bool confirm = false, int timeoutSec = 30, int? maxOutputBytes = null,
        string schema = """{"type":"object","properties":{"message":{"type":"string","maxLength":5}},"additionalProperties":false}""",
        IReadOnlyList<ConfirmationMethod>? confirmation = null) => new()
        {
            Name = name,
            Description = name + " tool",
            ArgsSchema = JsonDocument.Parse(schema).RootElement.Clone(),
            Mutates = mutates,
            RequiresConfirm = confirm,
            TimeoutSec = timeoutSec,
            MaxOutputBytes = maxOutputBytes,
            Confirmation = confirmation ?? [ConfirmationMethod.Argument],
        };

    public static ToolCallState Call(ToolPolicy tool, string arguments = "{}", Burly.Confirmation.ConfirmationEvidence? evidence = null, bool resolved = true)
    {
        var document = new PolicyDocument { Tools = new Dictionary<string, ToolPolicy> { [tool.Name] = tool }, Settings = new PolicySettings(), Sources = [] };
        var args = JsonDocument.Parse(arguments).RootElement.Clone();
        var request = new ToolCallRequest { ToolName = tool.Name, Arguments = args, Caller = Caller, ConfirmationEvidence = evidence };
        return new ToolCallState(request, "req-1", document, args, CanonicalJson.Hash(args), TimeProvider.System.GetTimestamp()) { Tool = resolved ? tool : null };
    }

    public static ToolDefinition Implementation(string name, ToolHandler handler) => new() { Name = name, Description = name, Handler = handler };

    public static ExecuteStep Execute(Burly.Configuration.LimitsOptions? limits = null) =>
        new(limits ?? new(), new ServiceCollection().BuildServiceProvider(),
            new SecurityEventSink(NSubstitute.Substitute.For<IAuditLog>(), new BurlyMetrics(), TimeProvider.System, NullLogger<SecurityEventSink>.Instance),
            TimeProvider.System, NullLogger.Instance);
}
