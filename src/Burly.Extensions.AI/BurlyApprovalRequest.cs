using System.Text.Json;
using Burly.Pipeline;
using Microsoft.Extensions.AI;

namespace Burly.Extensions.AI;

/// <summary>A tool-approval request for one of Burly's tools, described for the person who answers it.</summary>
public sealed class BurlyApprovalRequest
{
    internal BurlyApprovalRequest(ToolApprovalRequestContent request, BurlyToolDescriptor tool, JsonElement arguments, string argsHash, DateTimeOffset firstSeen)
    {
        Request = request;
        Tool = tool;
        Arguments = arguments;
        ArgsHash = argsHash;
        FirstSeen = firstSeen;
    }

    /// <summary>Gets the ecosystem's approval request (answered through <see cref="BurlyAITools.ApproveAsync"/> or <see cref="BurlyAITools.DeclineAsync"/>).</summary>
    public ToolApprovalRequestContent Request { get; }

    /// <summary>Gets the tool as the policy describes it.</summary>
    public BurlyToolDescriptor Tool { get; }

    /// <summary>Gets the tool's arguments as the model sent them (without <c>_confirm</c>).</summary>
    public JsonElement Arguments { get; }

    /// <summary>Gets when Burly first saw this request (the approval's time-to-live counts from here).</summary>
    public DateTimeOffset FirstSeen { get; }

    /// <summary>Gets what will change, on which target, in one sentence (show it to the approver).</summary>
    public string Message
    {
        get
        {
            var parts = Arguments.ValueKind == JsonValueKind.Object
                ? Arguments.EnumerateObject().Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}")
                : [];
            var args = string.Join(", ", parts);
            return $"'{Tool.Name}' ({Tool.Description.TrimEnd('.')}) with {(args.Length == 0 ? "no arguments" : args)}.";
        }
    }

    internal string ArgsHash { get; }
}
