using Burly.Audit;
using System.Globalization;
using System.Text.Json.Nodes;
using Burly.Pipeline;
using Burly.Policy;

namespace Burly.Notifications;

/// <summary>
/// Turns tool-call outcomes and security violations into queued notifications: a call notifies only for the events its
/// policy entry lists in <c>notify</c> (<c>success</c>; <c>failure</c> = any refusal, error or timeout;
/// <c>need_confirm</c>); security violations always notify. Priorities come from <c>notifications.gotify.priorities</c>.
/// Never blocks the call: it only queues.
/// </summary>
internal sealed class NotificationEventObserver(NotificationManager manager, IPolicyProvider policy, TimeProvider time) : IToolCallObserver, ISecurityViolationObserver
{
    private const int MaxMessageLength = 1000;

    public void OnToolCallCompleted(ToolCallOutcome outcome, CallerContext caller)
    {
        if (!manager.IsEnabled || outcome.Policy is not { } tool)
        {
            return;
        }

        var evt = outcome.Status switch
        {
            ToolCallStatus.Success => "success",
            ToolCallStatus.NeedConfirm => "need_confirm",
            _ => "failure",
        };
        if (!tool.Notify.Contains(evt))
        {
            return;
        }

        var metadata = new JsonObject { ["request_id"] = outcome.RequestId, ["user_id"] = caller.UserId, ["elapsed_ms"] = Math.Round(outcome.ElapsedMs, 1) };
        string title, message, category;
        switch (evt)
        {
            case "success":
                title = $"Tool Success: {tool.Name}";
                message = string.Create(CultureInfo.InvariantCulture, $"{outcome.Summary} (completed in {outcome.ElapsedMs:0}ms)");
                category = "tool_success";
                break;
            case "need_confirm":
                title = $"Confirmation Required: {tool.Name}";
                message = $"{outcome.Error?.Message ?? outcome.Summary} - Waiting for user confirmation";
                if (outcome.Error?.Details?["approval_id"]?.GetValue<string>() is { } approval)
                {
                    message += $" (approval id {approval}: burly approvals approve {approval})";
                    metadata["approval_id"] = approval;
                }

                category = "tool_confirmation";
                break;
            default:
                title = $"Tool Failed: {tool.Name}";
                message = outcome.Error is { } error ? $"Error: {error.Code}: {error.Message}" : $"Error: {outcome.Summary}";
                metadata["error_code"] = outcome.Error?.Code;
                category = "tool_failure";
                break;
        }

        manager.Enqueue(new Notification(title, Shorten(message), Priority(evt, 5), category, time.GetUtcNow(), tool.Name, metadata));
    }

    public void OnSecurityViolation(string type, string toolName, CallerContext caller, JsonObject details)
    {
        if (!manager.IsEnabled)
        {
            return;
        }

        var path = details["path"]?.ToString();
        var reason = details["reason"]?.ToString();
        var message = $"Security violation detected: {toolName} by {caller.UserId}" + (path is null ? string.Empty : $": '{path}'") + (reason is null ? string.Empty : $" ({reason})");
        manager.Enqueue(new Notification($"Security Violation: {type}", Shorten(message), Priority("security_violation", 10), "security_violation", time.GetUtcNow(), toolName,
            new JsonObject { [AuditFields.ViolationType] = type, [AuditFields.UserId] = caller.UserId }));
    }

    private int Priority(string evt, int fallback)
    {
        try
        {
            return policy.Current.Settings.GotifyPriorities.TryGetValue(evt, out var p) ? Math.Clamp(p, 0, 10) : fallback;
        }
        catch (PolicyValidationException)
        {
            return fallback;
        }
    }

    private static string Shorten(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "…";
}
