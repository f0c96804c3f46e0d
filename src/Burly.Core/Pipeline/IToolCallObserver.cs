namespace Burly.Pipeline;

/// <summary>Hook called after every call is audited (notifications, extra metrics). Must not block: queue work.</summary>
public interface IToolCallObserver
{
    /// <summary>Called once per call, after the audit record is written.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="caller">The caller.</param>
    void OnToolCallCompleted(ToolCallOutcome outcome, CallerContext caller);
}
