namespace Burly.Audit;

/// <summary>A record handed to the group-commit writer, and the completion its caller awaits.</summary>
internal sealed class PendingAuditRecord(AuditRecord record)
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditRecord Record { get; } = record;

    /// <summary>Gets a task that completes when the record is durable (or faults with <see cref="AuditWriteException"/>).</summary>
    public Task Completion => _completion.Task;

    public bool IsDone => _completion.Task.IsCompleted;

    public void Written() => _completion.TrySetResult();

    public void Failed(Exception exception) => _completion.TrySetException(exception);
}
