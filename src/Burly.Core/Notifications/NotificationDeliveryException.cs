namespace Burly.Notifications;

/// <summary>A notification could not be delivered. The message is safe to show: it never contains a token or URL credentials.</summary>
public sealed class NotificationDeliveryException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public NotificationDeliveryException()
        : this(NotificationFailureKind.Rejected, "The notification could not be delivered.")
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    public NotificationDeliveryException(string message)
        : this(NotificationFailureKind.Rejected, message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NotificationDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = NotificationFailureKind.Rejected;
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="kind">Why delivery failed.</param>
    /// <param name="message">A client-safe message saying what to fix.</param>
    /// <param name="statusCode">The HTTP status the provider answered, if any.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NotificationDeliveryException(NotificationFailureKind kind, string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    /// <summary>Gets why delivery failed.</summary>
    public NotificationFailureKind Kind { get; }

    /// <summary>Gets the HTTP status the provider answered, if any.</summary>
    public int? StatusCode { get; }
}
