namespace Burly.Notifications;

/// <summary>Why a notification could not be delivered.</summary>
public enum NotificationFailureKind
{
    /// <summary>The provider is not configured (e.g. no <c>GOTIFY_URL</c> or token).</summary>
    NotConfigured,

    /// <summary>The provider could not be reached (connection refused, DNS, TLS).</summary>
    Unreachable,

    /// <summary>The provider did not answer in time.</summary>
    Timeout,

    /// <summary>The provider rejected the credentials (HTTP 401/403).</summary>
    Unauthorized,

    /// <summary>The provider answered with another error status.</summary>
    Rejected,
}
