using Microsoft.Extensions.Logging;

namespace Burly.Pipeline.Steps;

/// <summary>
/// Pipeline step 8, notifications: tells every <see cref="IToolCallObserver"/> (the notification manager among them) that a
/// call completed. An observer that throws is logged and skipped; the others are still told, and the call is unaffected.
/// </summary>
internal sealed partial class NotificationStep(IEnumerable<IToolCallObserver> observers, ILogger logger)
{
    private readonly IToolCallObserver[] _observers = [.. observers];

    public void Notify(ToolCallState call, ToolCallOutcome outcome)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnToolCallCompleted(outcome, call.Request.Caller);
            }
            catch (Exception ex)
            {
                LogObserverFailed(logger, observer.GetType().Name, ex);
            }
        }
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Tool-call observer {Observer} failed.")]
    private static partial void LogObserverFailed(ILogger logger, string observer, Exception exception);
}
