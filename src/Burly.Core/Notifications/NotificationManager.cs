using System.Threading.Channels;
using Burly.Configuration;
using Burly.Metrics;
using Burly.Policy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Burly.Notifications;

/// <summary>
/// Sends notifications to the configured providers (<c>NOTIFICATION_PROVIDERS</c>: <c>console</c> on standard error,
/// <c>gotify</c>, <c>webhook</c>) in the background, so a slow or dead provider never delays or fails a tool call.
/// </summary>
/// <remarks>
/// <para>Notifications wait in a bounded queue (<c>Notifications.QueueCapacity</c>); when it is full the newest one is
/// dropped and counted (<c>burly_mcp_notifications_total{result="dropped"}</c>). Before queueing, the policy's rate
/// limits apply (<c>notifications.rate_limit</c>; over the limit → <c>result="rate_limited"</c>). A hosted service
/// delivers the queue to every provider in parallel, each bounded by its own timeout; outcomes are counted as
/// <c>sent</c> or <c>failed</c> per provider.</para>
/// <para>Always registered by <c>AddBurly</c>: when <c>NOTIFICATIONS_ENABLED</c> is false it queues nothing
/// (<see cref="SendNotificationAsync"/> returns <see langword="false"/>), while <see cref="TestAsync"/> still tries the
/// configured providers so an operator can check them before enabling notifications.</para>
/// </remarks>
public sealed partial class NotificationManager : IDisposable
{
    private readonly NotificationOptions _options;
    private readonly IPolicyProvider _policy;
    private readonly BurlyMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<NotificationManager> _logger;
    private readonly NotificationRateLimiter _rateLimiter;
    private readonly Channel<Notification> _queue;

    internal NotificationManager(
        IOptions<BurlyOptions> options,
        IPolicyProvider policy,
        IEnumerable<INotificationChannel> providers,
        BurlyMetrics metrics,
        TimeProvider time,
        ILogger<NotificationManager> logger)
    {
        _options = options.Value.Notifications;
        _policy = policy;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        var wanted = _options.ResolveProviders().ToList();
        var channels = providers.ToList();
        ProviderList = channels.Where(p => wanted.Contains(p.Name)).OrderBy(p => wanted.IndexOf(p.Name)).ToList();
        if (_options.Enabled && wanted.FirstOrDefault(name => !ProviderList.Any(p => p.Name == name)) is { } missing)
        {
            // The configuration check saw a registration of this name; the channel object itself reports another Name.
            throw new InvalidOperationException(
                $"NOTIFICATION_PROVIDERS lists '{missing}', but no registered notification channel reports that Name " +
                $"(channels report: {string.Join(", ", channels.Select(c => $"{c.Name} ({c.GetType().Name})"))}). " +
                $"A channel's Name must equal the name it is registered under: builder.AddNotificationChannel<T>(\"{missing}\") with T.Name returning \"{missing}\".");
        }

        _rateLimiter = new NotificationRateLimiter(time);
        _queue = Channel.CreateBounded<Notification>(new BoundedChannelOptions(Math.Max(1, _options.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait, // never waited on: TryWrite fails when full, and the newest notification is dropped and counted
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Gets a value indicating whether notifications are sent (<c>NOTIFICATIONS_ENABLED</c>).</summary>
    public bool IsEnabled => _options.Enabled;

    /// <summary>Gets the configured providers, in order.</summary>
    public IReadOnlyList<string> Providers => ProviderList.Select(p => p.Name).ToList();

    /// <summary>Gets how many notifications wait in the queue.</summary>
    public int QueueLength => _queue.Reader.CanCount ? _queue.Reader.Count : 0;

    internal IReadOnlyList<INotificationChannel> ProviderList { get; }

    internal ChannelReader<Notification> Reader => _queue.Reader;

    /// <summary>
    /// Queues a notification for every provider (the operations guide's <c>send_notification(title, message)</c>).
    /// Returns at once; delivery happens in the background.
    /// </summary>
    /// <param name="title">The title.</param>
    /// <param name="message">The text.</param>
    /// <param name="priority">The Gotify-style priority, 0 (lowest) to 10 (critical); 5 is normal.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns><see langword="true"/> when queued; <see langword="false"/> when notifications are disabled, over the rate limit or the queue is full.</returns>
    public ValueTask<bool> SendNotificationAsync(string title, string message, int priority = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfNegative(priority);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, 10);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Enqueue(new Notification(title, message, priority, Notification.AdHoc, _time.GetUtcNow())));
    }

    /// <summary>
    /// Sends one notification to every configured provider now, bypassing the queue and the rate limit, and reports
    /// each provider's outcome (<c>burly notify test</c>). Works whether or not notifications are enabled.
    /// </summary>
    /// <param name="title">The title.</param>
    /// <param name="message">The text.</param>
    /// <param name="priority">The priority (0–10).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>One result per configured provider.</returns>
    public async Task<IReadOnlyList<NotificationProviderResult>> TestAsync(string title, string message, int priority = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(message);
        var notification = new Notification(title, message, Math.Clamp(priority, 0, 10), Notification.AdHoc, _time.GetUtcNow());
        return await Task.WhenAll(ProviderList.Select(p => SendOneAsync(p, notification, cancellationToken))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _rateLimiter.Dispose();

    /// <summary>Applies the rate limit and queues without waiting. Never throws.</summary>
    internal bool Enqueue(Notification notification)
    {
        if (!_options.Enabled || ProviderList.Count == 0)
        {
            return false;
        }

        var (perMinute, perHour) = Limits();
        if (!_rateLimiter.TryAcquire(perMinute, perHour))
        {
            Count("rate_limited");
            LogRateLimited(_logger, notification.Title);
            return false;
        }

        if (!_queue.Writer.TryWrite(notification))
        {
            Count("dropped");
            LogDropped(_logger, notification.Title);
            return false;
        }

        return true;
    }

    /// <summary>Delivers one queued notification to every provider in parallel. Never throws for provider failures.</summary>
    internal Task DeliverAsync(Notification notification, CancellationToken cancellationToken) =>
        Task.WhenAll(ProviderList.Select(p => SendOneAsync(p, notification, cancellationToken)));

    private async Task<NotificationProviderResult> SendOneAsync(INotificationChannel provider, Notification notification, CancellationToken cancellationToken)
    {
        try
        {
            var id = await provider.SendAsync(notification, cancellationToken).ConfigureAwait(false);
            Count(provider.Name, "sent");
            return new NotificationProviderResult(provider.Name, true, MessageId: id);
        }
        catch (NotificationDeliveryException ex)
        {
            Count(provider.Name, "failed");
            LogDeliveryFailed(_logger, provider.Name, ex.Kind, ex.Message);
            return new NotificationProviderResult(provider.Name, false, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Count(provider.Name, "failed");
            return new NotificationProviderResult(provider.Name, false, "Cancelled.");
        }
        catch (Exception ex)
        {
            Count(provider.Name, "failed");
            LogProviderError(_logger, provider.Name, ex);
            return new NotificationProviderResult(provider.Name, false, "The provider failed unexpectedly; see the server log.");
        }
    }

    private (int PerMinute, int PerHour) Limits()
    {
        try
        {
            var settings = _policy.Current.Settings;
            return (settings.NotificationsPerMinute, settings.NotificationsPerHour);
        }
        catch (PolicyValidationException)
        {
            var defaults = new PolicySettings();
            return (defaults.NotificationsPerMinute, defaults.NotificationsPerHour);
        }
    }

    private void Count(string result)
    {
        foreach (var provider in ProviderList)
        {
            Count(provider.Name, result);
        }
    }

    private void Count(string provider, string result) =>
        _metrics.Notifications.Add(1, new(BurlyMetricTags.Provider, provider), new(BurlyMetricTags.Result, result));

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Notification '{Title}' dropped: the queue is full (Notifications.QueueCapacity).")]
    private static partial void LogDropped(ILogger logger, string title);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Notification '{Title}' not sent: over the policy's notification rate limit.")]
    private static partial void LogRateLimited(ILogger logger, string title);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Notification provider {Provider} failed ({Kind}): {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string provider, NotificationFailureKind kind, string reason);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "Notification provider {Provider} failed unexpectedly.")]
    private static partial void LogProviderError(ILogger logger, string provider, Exception exception);
}
