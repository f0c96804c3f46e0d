using System.Text.Json.Nodes;
using Burly.Notifications;
using Burly.ToolPacks;

namespace Burly.Tools.Notify;

/// <summary>
/// <c>gotify_ping</c>: sends one message straight through <see cref="GotifyClient"/> (not the background queue, so the
/// caller learns the real outcome) and reports the message id Gotify assigned. Not configured, unreachable or timed
/// out → <c>DEPENDENCY_UNAVAILABLE</c> with the fix; a rejected token (401/403) or another HTTP error → <c>TOOL_FAILED</c>
/// with the status in <c>details.http_status</c>.
/// </summary>
internal sealed class GotifyPingTool(GotifyClient gotify)
{
    public const string DefaultMessage = "Test notification from Burly MCP";
    public const string DefaultTitle = "Burly MCP Test";
    public const int DefaultPriority = 3;

    public async ValueTask<ToolResult> RunAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var message = context.GetString("message") ?? DefaultMessage;
        var title = context.GetString("title") ?? DefaultTitle;
        var priority = Math.Clamp(context.GetInt32("priority", DefaultPriority), 0, 10);
        long? id;
        try
        {
            id = await gotify.SendAsync(title, message, priority, cancellationToken).ConfigureAwait(false);
        }
        catch (NotificationDeliveryException ex)
        {
            var code = ex.Kind is NotificationFailureKind.NotConfigured or NotificationFailureKind.Unreachable or NotificationFailureKind.Timeout
                ? BurlyErrorCodes.DependencyUnavailable
                : BurlyErrorCodes.ToolFailed;
            var details = new JsonObject { ["reason"] = ex.Kind.ToString() };
            if (ex.StatusCode is { } status)
            {
                details["http_status"] = status;
            }

            throw new ToolException(code, ex.Message, details, ex.InnerException);
        }

        return ToolResult.Ok($"Gotify notification sent successfully (priority {priority})", new JsonObject
        {
            ["message_id"] = id,
            ["title"] = title,
            ["message"] = message,
            ["priority"] = priority,
        });
    }
}
