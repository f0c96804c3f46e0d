using System.Globalization;
using Burly.Health;

namespace Burly.Notifications;

/// <summary>Writes notifications to standard error — never standard output, which carries the MCP protocol in the stdio host.</summary>
internal sealed class ConsoleNotificationProvider(Func<TextWriter> stderr) : INotificationChannel
{
    private static readonly Lock WriteLock = new();

    public const string ChannelName = "console";

    public string Name => ChannelName;

    public Task<NotificationProviderStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new NotificationProviderStatus(ChannelName, true, "writes to stderr"));

    public Task<long?> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var tool = notification.ToolName is null ? string.Empty : $" (tool: {notification.ToolName})";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"[burly] {notification.PriorityName.ToUpperInvariant()} [{notification.Category.ToUpperInvariant()}] {notification.Title}{tool}{Environment.NewLine}   {notification.Message}");
        lock (WriteLock)
        {
            var writer = stderr();
            writer.WriteLine(text);
            writer.Flush();
        }

        return Task.FromResult<long?>(null);
    }
}
