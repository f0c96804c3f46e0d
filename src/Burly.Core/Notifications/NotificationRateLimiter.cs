using System.Threading.RateLimiting;

namespace Burly.Notifications;

/// <summary>
/// The policy's notification rate limits (<c>notifications.rate_limit.max_per_minute</c> and <c>max_per_hour</c>) as two
/// sliding windows (six segments each) from System.Threading.RateLimiting. The windows are advanced by timers from the
/// <see cref="TimeProvider"/> (the limiters' own timers use the wall clock), so tests drive them with a fake clock.
/// A limit change (policy reload) starts new windows.
/// </summary>
internal sealed class NotificationRateLimiter(TimeProvider time) : IDisposable
{
    private const int Segments = 6;
    private readonly Lock _lock = new();
    private Window? _minute;
    private Window? _hour;

    /// <summary>Takes one permit from both windows.</summary>
    /// <param name="perMinute">The limit per minute (0 or less: unlimited).</param>
    /// <param name="perHour">The limit per hour (0 or less: unlimited).</param>
    /// <returns><see langword="true"/> when the notification may be sent.</returns>
    public bool TryAcquire(int perMinute, int perHour)
    {
        lock (_lock)
        {
            _minute = Window.Ensure(_minute, perMinute, TimeSpan.FromMinutes(1), time);
            _hour = Window.Ensure(_hour, perHour, TimeSpan.FromHours(1), time);

            // Check both before taking from either, so a refusal by one window does not use up the other.
            if ((_minute is not null && _minute.Available < 1) || (_hour is not null && _hour.Available < 1))
            {
                return false;
            }

            using var minuteLease = _minute?.Limiter.AttemptAcquire();
            using var hourLease = _hour?.Limiter.AttemptAcquire();
            return (minuteLease?.IsAcquired ?? true) && (hourLease?.IsAcquired ?? true);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _minute?.Dispose();
            _hour?.Dispose();
            _minute = _hour = null;
        }
    }

    private sealed class Window : IDisposable
    {
        private readonly ITimer _timer;

        private Window(int limit, TimeSpan length, TimeProvider time)
        {
            Limit = limit;
            Limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = length,
                SegmentsPerWindow = Segments,
                QueueLimit = 0,
                AutoReplenishment = false,
            });
            var segment = length / Segments;
            _timer = time.CreateTimer(static state => ((SlidingWindowRateLimiter)state!).TryReplenish(), Limiter, segment, segment);
        }

        public int Limit { get; }

        public SlidingWindowRateLimiter Limiter { get; }

        public long Available => Limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

        public static Window? Ensure(Window? current, int limit, TimeSpan length, TimeProvider time)
        {
            if (current is not null && current.Limit == limit)
            {
                return current;
            }

            current?.Dispose();
            return limit > 0 ? new Window(limit, length, time) : null;
        }

        public void Dispose()
        {
            _timer.Dispose();
            Limiter.Dispose();
        }
    }
}
