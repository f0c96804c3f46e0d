using System.Collections.Concurrent;

namespace Burly.Pipeline;

/// <summary>
/// At most N calls run at once; a call waits a bounded time for a slot. Read-only calls with identical
/// arguments that are already running share the running call's result (single-flight).
/// </summary>
internal sealed class ConcurrencyGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<string, Task<object>> _inFlight = new(StringComparer.Ordinal);

    public ConcurrencyGate(int maxConcurrent)
    {
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        Capacity = maxConcurrent;
    }

    public int Capacity { get; }

    public int Available => _slots.CurrentCount;

    public Task<bool> TryEnterAsync(TimeSpan wait, CancellationToken cancellationToken) => _slots.WaitAsync(wait, cancellationToken);

    public void Exit() => _slots.Release();

    /// <summary>Returns the running task for the key, or starts <paramref name="run"/> and shares it until it ends.</summary>
    public async Task<(T Result, bool Shared)> RunSharedAsync<T>(string key, Func<Task<T>> run)
        where T : class
    {
        var created = false;
        var task = _inFlight.GetOrAdd(key, _ =>
        {
            created = true;
            return Wrap(run);
        });
        try
        {
            return ((T)await task.ConfigureAwait(false), !created);
        }
        finally
        {
            if (created)
            {
                _inFlight.TryRemove(new KeyValuePair<string, Task<object>>(key, task));
            }
        }

        static async Task<object> Wrap(Func<Task<T>> f) => await f().ConfigureAwait(false);
    }

    public void Dispose() => _slots.Dispose();
}
