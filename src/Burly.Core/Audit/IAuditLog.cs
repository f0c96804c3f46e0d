namespace Burly.Audit;

/// <summary>The tamper-evident audit log.</summary>
public interface IAuditLog
{
    /// <summary>Gets a value indicating whether the last write succeeded.</summary>
    bool IsHealthy { get; }

    /// <summary>Gets the file the log writes to, or <see langword="null"/> when auditing is disabled.</summary>
    string? FilePath { get; }

    /// <summary>Appends a record: assigns seq and hashes, writes it in one write and flushes it before returning.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the record is in the file.</returns>
    /// <exception cref="AuditWriteException">The record could not be written.</exception>
    ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Checks that the log can be written (opening it if needed), so a mutating call can fail closed before it runs.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns><see langword="true"/> when writable (or auditing is disabled).</returns>
    ValueTask<bool> EnsureWritableAsync(CancellationToken cancellationToken = default);
}
