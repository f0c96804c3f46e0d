using System.Collections.Concurrent;

namespace Burly.Pipeline;

/// <summary>
/// At most N calls run at once; a call waits a bounded time for a slot. Read-only calls with identical
/// arguments that are already running share the running call's result (single-flight). A shared run has its own
/// cancellation: it survives any one caller leaving and is cancelled only when every caller has left.
/// </summary>
internal sealed class ConcurrencyGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<string, SharedRun> _inFlight = new(StringComparer.Ordinal);

    public ConcurrencyGate(int maxConcurrent)
    {
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        Capacity = maxConcurrent;
    }

    public int Capacity { get; }

    public int Available => _slots.CurrentCount;

    public Task<bool> TryEnterAsync(TimeSpan wait, CancellationToken cancellationToken) => _slots.WaitAsync(wait, cancellationToken);

    public void Exit() => _slots.Release();

    /// <summary>
    /// Joins the running execution for the key, or starts <paramref name="run"/> (with a token of its own) and shares it
    /// until it ends. Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires
    /// before the shared result is there; the run itself goes on while anyone else still waits for it.
    /// </summary>
    public async Task<(T Result, bool Shared)> RunSharedAsync<T>(string key, Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            var candidate = new SharedRun();
            var shared = _inFlight.GetOrAdd(key, candidate);
            var created = ReferenceEquals(shared, candidate);
            if (!created && !shared.TryJoin())
            {
                // Everyone left that run and it is being cancelled; start a fresh one.
                _inFlight.TryRemove(new KeyValuePair<string, SharedRun>(key, shared));
                continue;
            }

            if (created)
            {
                shared.Start(async ct => await run(ct).ConfigureAwait(false));
                _ = shared.Task.ContinueWith(
                    (_, state) => ((ConcurrencyGate)state!)._inFlight.TryRemove(new KeyValuePair<string, SharedRun>(key, shared)),
                    this,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            try
            {
                return ((T)await shared.Task.WaitAsync(cancellationToken).ConfigureAwait(false), !created);
            }
            finally
            {
                shared.Leave();
            }
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>One execution and the callers waiting for it.</summary>
    private sealed class SharedRun
    {
        // Not disposed: a late Leave may still cancel it, and without a timer it holds nothing to release.
        private readonly CancellationTokenSource _cancellation = new();
        private readonly TaskCompletionSource<object> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private int _waiters = 1;

        public Task<object> Task => _result.Task;

        public void Start(Func<CancellationToken, Task<object>> run) => _ = RunAsync(run);

        public bool TryJoin()
        {
            lock (_lock)
            {
                if (_waiters == 0)
                {
                    return false;
                }

                _waiters++;
                return true;
            }
        }

        public void Leave()
        {
            lock (_lock)
            {
                if (--_waiters > 0 || _result.Task.IsCompleted)
                {
                    return;
                }
            }

            _cancellation.Cancel();
        }

        private async Task RunAsync(Func<CancellationToken, Task<object>> run)
        {
            try
            {
                _result.TrySetResult(await run(_cancellation.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException ex)
            {
                _result.TrySetCanceled(ex.CancellationToken);
            }
            catch (Exception ex)
            {
                _result.TrySetException(ex);
            }
        }
    }
}
