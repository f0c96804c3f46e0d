namespace Burly.Audit;

/// <summary>The audit log could not be written.</summary>
public sealed class AuditWriteException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public AuditWriteException()
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    public AuditWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AuditWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
