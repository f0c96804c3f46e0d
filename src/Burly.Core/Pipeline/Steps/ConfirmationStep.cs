using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Confirmation;
using Burly.Metrics;
using Burly.Policy;
using Microsoft.Extensions.Logging;

namespace Burly.Pipeline.Steps;

/// <summary>
/// Pipeline step 3, confirmation: for a tool with <c>requires_confirm</c>, accepts a named approver's decision, asks the
/// client (elicitation), consumes an out-of-band approval or accepts <c>_confirm: true</c> — in the policy's order of
/// methods — or answers "confirmation required" with how to confirm.
/// </summary>
internal sealed partial class ConfirmationStep(ApprovalStore approvals, BurlyMetrics metrics, bool strictSecurityMode, TimeProvider time, ILogger logger)
{
    /// <summary>Asks for or checks the confirmation of a call whose tool requires one.</summary>
    /// <returns><see langword="null"/> when confirmed (the call goes on); else the outcome: declined, or confirmation required.</returns>
    public async Task<ToolCallOutcome?> ConfirmAsync(ToolCallState call, JsonElement? confirmValue, CancellationToken cancellationToken)
    {
        var tool = call.Tool!;
        var prompt = new ConfirmationPrompt(tool.Name, DescribeChange(tool, call.Arguments), call.Arguments, call.ArgsHash);
        var evidence = call.Request.ConfirmationEvidence;

        // A named approver's answer (the operator's --confirm on the CLI, an in-process application's approval) is a person's decision.
        if (evidence is { Approver: { } approver })
        {
            call.Approver = approver;
            return Confirmed(call, evidence.Method, evidence.Accepted, evidence.Reason);
        }

        foreach (var method in tool.Confirmation)
        {
            switch (method)
            {
                case ConfirmationMethod.Elicitation when evidence is { Method: "elicitation" }:
                    return Confirmed(call, "elicitation", evidence.Accepted);

                case ConfirmationMethod.Elicitation when call.Request.ConfirmationChannel is { CanAsk: true } channel:
                    ConfirmationAnswer answer;
                    try
                    {
                        answer = await channel.AskAsync(prompt, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogElicitationFailed(logger, tool.Name, ex);
                        answer = ConfirmationAnswer.Unavailable;
                    }

                    switch (answer.Kind)
                    {
                        case ConfirmationAnswerKind.Accepted:
                            return Confirmed(call, "elicitation", accepted: true);
                        case ConfirmationAnswerKind.Declined:
                            return Confirmed(call, "elicitation", accepted: false);
                        case ConfirmationAnswerKind.Pending: // the transport asks the client; the retry is audited and counted
                            return NeedConfirm(call, tool, prompt, answer.Pending);
                    }

                    break;

                case ConfirmationMethod.Approval when confirmValue is { ValueKind: JsonValueKind.String } id && ApprovalStore.IsApprovalId(id.GetString()):
                    var (use, reason) = approvals.TryConsume(id.GetString()!, tool.Name, call.ArgsHash, call.Request.Caller.UserId);
                    switch (use)
                    {
                        case ApprovalUse.Approved:
                            return Confirmed(call, "approval", accepted: true);
                        case ApprovalUse.Rejected:
                            return Confirmed(call, "approval", accepted: false);
                        default:
                            metrics.Confirmations.Add(1, new KeyValuePair<string, object?>(BurlyMetricTags.Result, "required"));
                            return NeedConfirm(call, tool, prompt, pending: null, approvalNote: $"Approval {id.GetString()} cannot be used: {reason}.", existingApproval: use == ApprovalUse.Pending ? id.GetString() : null);
                    }

                case ConfirmationMethod.Argument when confirmValue is { } value && ConfirmArgument.IsTruthy(value) && !StrictRefusesArgument(tool):
                    return Confirmed(call, "argument", accepted: true);
            }
        }

        metrics.Confirmations.Add(1, new KeyValuePair<string, object?>(BurlyMetricTags.Result, "required"));
        return NeedConfirm(call, tool, prompt, pending: null);
    }

    private ToolCallOutcome? Confirmed(ToolCallState call, string method, bool accepted, string? reason = null)
    {
        metrics.Confirmations.Add(1, new KeyValuePair<string, object?>(BurlyMetricTags.Result, accepted ? "accepted" : "declined"));
        call.ConfirmationMethod = method;
        if (accepted)
        {
            call.Confirmed = true;
            return null;
        }

        return call.Refuse(time, ToolCallStatus.Denied, BurlyErrorCodes.ConfirmationDeclined,
            $"The confirmation for '{call.Tool!.Name}' was declined ({method}{(reason is null ? null : ": " + reason)}). Nothing was changed.");
    }

    private ToolCallOutcome NeedConfirm(ToolCallState call, ToolPolicy tool, ConfirmationPrompt prompt, PendingConfirmation? pending, string? approvalNote = null, string? existingApproval = null)
    {
        var argumentAllowed = tool.Confirmation.Contains(ConfirmationMethod.Argument) && !StrictRefusesArgument(tool);
        string? approvalId = existingApproval;
        if (approvalId is null && pending is null && tool.Confirmation.Contains(ConfirmationMethod.Approval))
        {
            try
            {
                approvalId = approvals.Create(tool.Name, call.ArgsHash, prompt.Message, call.Request.Caller.UserId).Id;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogApprovalStoreFailed(logger, ex);
            }
            catch (ApprovalLimitException ex)
            {
                return call.Refuse(time, ToolCallStatus.Denied, BurlyErrorCodes.RateLimited, $"{prompt.Message} This needs an out-of-band approval, but no new one can be requested: {ex.Message}");
            }
        }

        var example = new JsonObject();
        if (call.Arguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in call.Arguments.EnumerateObject())
            {
                example[p.Name] = JsonNode.Parse(p.Value.GetRawText());
            }
        }

        example[ConfirmArgument.Name] = true;
        var how = argumentAllowed
            ? $"Ask the user, then repeat the call with \"_confirm\": true to proceed."
            : StrictRefusesArgument(tool)
                ? "Strict security mode (STRICT_SECURITY_MODE=true) refuses \"_confirm\": true for this tool; out-of-band approval by an operator is the only method the caller cannot satisfy by itself."
                : $"This tool only accepts confirmation by {string.Join(" or ", tool.Confirmation.Select(m => m.ToString().ToLowerInvariant()))}; use a client that supports elicitation.";
        if (approvalId is not null)
        {
            how += $" Or have an operator run `burly approvals approve {approvalId}`, then repeat the call with \"_confirm\": \"{approvalId}\".";
        }

        if (approvalNote is not null)
        {
            how = approvalNote + " " + how;
        }

        var details = new JsonObject
        {
            ["tool"] = tool.Name,
            ["operation"] = prompt.Message,
            ["methods"] = new JsonArray(tool.Confirmation.Select(m => (JsonNode?)m.ToString().ToLowerInvariant()).ToArray()),
        };
        if (approvalId is not null)
        {
            details["approval_id"] = approvalId;
        }

        if (argumentAllowed)
        {
            details["required_arg"] = ConfirmArgument.Name;
            details["required_value"] = true;
            details["suggestion"] = $"Add '_confirm': true to {tool.Name} arguments to proceed";
            details["example"] = new JsonObject { ["name"] = tool.Name, ["arguments"] = example };
        }

        return new ToolCallOutcome
        {
            Status = ToolCallStatus.NeedConfirm,
            RequestId = call.RequestId,
            ToolName = tool.Name,
            Policy = tool,
            Summary = $"Confirmation required for {tool.Name}",
            Error = new ToolCallError(BurlyErrorCodes.ConfirmationRequired, $"{prompt.Message} This changes the system and needs confirmation. {how}", details),
            PendingConfirmation = pending,
            ElapsedMs = time.GetElapsedTime(call.Started).TotalMilliseconds,
        };
    }

    private static string DescribeChange(ToolPolicy tool, JsonElement arguments)
    {
        var parts = arguments.ValueKind == JsonValueKind.Object
            ? arguments.EnumerateObject().Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}")
            : [];
        // Never cut: the approver must see every argument (their size is bounded by MaxArgumentBytes).
        var args = string.Join(", ", parts);
        return $"'{tool.Name}' ({tool.Description.TrimEnd('.')}) with {(args.Length == 0 ? "no arguments" : args)}.";
    }

    /// <summary>Strict mode refuses <c>_confirm: true</c> wherever the tool also lists a method the model cannot satisfy itself.</summary>
    private bool StrictRefusesArgument(ToolPolicy tool) =>
        strictSecurityMode && tool.Confirmation.Any(m => m != ConfirmationMethod.Argument);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Elicitation for {Tool} failed; falling back to other confirmation methods.")]
    private static partial void LogElicitationFailed(ILogger logger, string tool, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "The approval store cannot be written; approvals are unavailable.")]
    private static partial void LogApprovalStoreFailed(ILogger logger, Exception exception);
}
