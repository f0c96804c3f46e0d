namespace Burly.Host.Http.TestHost.TestTools;

/// <summary>
/// Holds <c>test_slow</c> until the test releases it. In process the test uses <see cref="Started"/> and
/// <see cref="Release"/>; across processes (env <c>BURLY_TEST_GATE_DIR</c>) the tool creates <c>started</c> in
/// that directory and waits until the test creates <c>release</c>.
/// </summary>
public sealed class TestGate
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a task that completes when a gated call has started.</summary>
    public Task Started => _started.Task;

    /// <summary>Lets every gated call finish.</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>Waits for the release.</summary>
    /// <param name="cancellationToken">The call's token.</param>
    /// <returns>A task.</returns>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var directory = Environment.GetEnvironmentVariable("BURLY_TEST_GATE_DIR");
        if (string.IsNullOrEmpty(directory))
        {
            _started.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
            return;
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "started"), "started", cancellationToken);
        var release = Path.Combine(directory, "release");
        while (!File.Exists(release))
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
