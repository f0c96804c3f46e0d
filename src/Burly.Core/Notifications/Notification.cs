using System.Text.Json.Nodes;

namespace Burly.Notifications;

/// <summary>One notification on its way to the providers.</summary>
/// <param name="Title">The title.</param>
/// <param name="Message">The text.</param>
/// <param name="Priority">The Gotify-style priority, 0 (lowest) to 10 (critical).</param>
/// <param name="Category">The category: <c>tool_success</c>, <c>tool_failure</c>, <c>tool_confirmation</c>, <c>security_violation</c> or <c>notification</c>.</param>
/// <param name="Timestamp">When it was raised.</param>
/// <param name="ToolName">The tool it is about, if any.</param>
/// <param name="Metadata">Extra client-safe data, if any.</param>
public sealed record Notification(string Title, string Message, int Priority, string Category, DateTimeOffset Timestamp, string? ToolName = null, JsonObject? Metadata = null)
{
    /// <summary>The category of notifications sent through <see cref="NotificationManager.SendNotificationAsync"/>.</summary>
    public const string AdHoc = "notification";

    /// <summary>Gets the priority as a word, as the Python version's webhook body had it: <c>low</c> (0–3), <c>normal</c> (4–6), <c>high</c> (7–8), <c>critical</c> (9–10).</summary>
    public string PriorityName => Priority switch
    {
        <= 3 => "low",
        <= 6 => "normal",
        <= 8 => "high",
        _ => "critical",
    };
}
