using System.Threading.RateLimiting;

namespace Burly.Notifications;

/// <summary>
/// The policy's notification rate limits (<c>notifications.rate_limit.max_per_minute</c> and <c>max_per_hour</c>) as two
/// exact sliding windows: each window is a <see cref="ConcurrencyLimiter"/> from System.Threading.RateLimiting whose
/// permits are handed back by a <see cref="TimeProvider"/> timer one window after they were taken. (The library's
/// replenishing limiters time themselves with the Stopwatch, which a fake clock cannot drive.) A limit change (policy
/// reload) starts new windows.
/// </summary>
internal sealed class NotificationRateLimiter(TimeProvider time) : IDisposable
{
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
            if (_minute?.HasPermit == false || _hour?.HasPermit == false)
            {
                return false;
            }

            return (_minute?.TryTake() ?? true) & (_hour?.TryTake() ?? true);
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
        private readonly ConcurrencyLimiter _limiter;
        private readonly TimeSpan _length;
        private readonly TimeProvider _time;
        private readonly HashSet<ITimer> _timers = [];
        private readonly Lock _lock = new();

        private Window(int limit, TimeSpan length, TimeProvider time)
        {
            Limit = limit;
            _length = length;
            _time = time;
            _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = limit, QueueLimit = 0 });
        }

        public int Limit { get; }

        public bool HasPermit => _limiter.GetStatistics()?.CurrentAvailablePermits > 0;

        public static Window? Ensure(Window? current, int limit, TimeSpan length, TimeProvider time)
        {
            if (current is not null && current.Limit == limit)
            {
                return current;
            }

            current?.Dispose();
            return limit > 0 ? new Window(limit, length, time) : null;
        }

        public bool TryTake()
        {
            var lease = _limiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                return false;
            }

            // Hand the permit back one window later (timer created stopped, so the callback always finds it registered).
            lock (_lock)
            {
                ITimer? timer = null;
                timer = _time.CreateTimer(_ => Return(lease, timer!), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timers.Add(timer);
                timer.Change(_length, Timeout.InfiniteTimeSpan);
            }

            return true;
        }

        public void Dispose()
        {
            lock (_lock)
            {
                foreach (var timer in _timers)
                {
                    timer.Dispose();
                }

                _timers.Clear();
            }

            _limiter.Dispose();
        }

        private void Return(RateLimitLease lease, ITimer timer)
        {
            lock (_lock)
            {
                if (!_timers.Remove(timer))
                {
                    return;
                }
            }

            timer.Dispose();
            lease.Dispose();
        }
    }
}
