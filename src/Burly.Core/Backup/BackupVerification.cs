using Burly.Audit;

namespace Burly.Backup;

/// <summary>The outcome of verifying a backup.</summary>
public sealed record BackupVerification(bool Valid, IReadOnlyList<string> Problems, BackupManifest? Manifest, AuditVerification? AuditChain);

/// <summary>The outcome of a restore.</summary>
public sealed record BackupRestoreResult(int Files, IReadOnlyList<string> Components)
{
    /// <summary>Gets the live audit files kept aside (copied to <c>NAME.pre-restore-TIMESTAMP</c>) before the backup's copy replaced them.</summary>
    public IReadOnlyList<string> KeptAside { get; init; } = [];
}

/// <summary>A backup operation was refused; the message says why and what to do.</summary>
public sealed class BackupException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public BackupException()
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    public BackupException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
