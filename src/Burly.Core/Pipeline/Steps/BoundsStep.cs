using Burly.Configuration;
using Burly.Metrics;
using Burly.ToolPacks;

namespace Burly.Pipeline.Steps;

/// <summary>
/// Pipeline step 4, bounds: admits a call into one of <c>MAX_CONCURRENT_TOOLS</c> execution slots (waiting at most
/// <c>AdmissionTimeoutMs</c>, else "busy"), counts it in flight, and shares one run between identical concurrent read-only
/// calls (same tool, same argument hash: single-flight). Mutating calls always run on their own.
/// </summary>
internal sealed class BoundsStep(LimitsOptions limits, BurlyMetrics metrics) : IDisposable
{
    private readonly ConcurrencyGate _gate = new(limits.MaxConcurrentTools);
    private long _inFlight;

    /// <summary>Gets how many calls are executing now.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Runs <paramref name="execute"/> for the call within the bounds.</summary>
    public async Task<ExecutionResult> RunAsync(ToolCallState call, ToolDefinition implementation, ExecuteStep execute, CancellationToken cancellationToken)
    {
        var tool = call.Tool!;
        if (tool.Mutates)
        {
            return await AdmitAndExecuteAsync(call, implementation, execute, cancellationToken).ConfigureAwait(false);
        }

        // The shared run gets its own token (see ConcurrencyGate): one caller leaving does not cancel the others' result.
        try
        {
            var (execution, _) = await _gate.RunSharedAsync(tool.Name + "\0" + call.ArgsHash, ct => AdmitAndExecuteAsync(call, implementation, execute, ct), cancellationToken).ConfigureAwait(false);
            return execution;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExecutionResult.Fail(ToolCallStatus.Failure, BurlyErrorCodes.ToolFailed, $"'{tool.Name}' was cancelled by the client.");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<ExecutionResult> AdmitAndExecuteAsync(ToolCallState call, ToolDefinition implementation, ExecuteStep execute, CancellationToken cancellationToken)
    {
        if (!await _gate.TryEnterAsync(TimeSpan.FromMilliseconds(limits.AdmissionTimeoutMs), cancellationToken).ConfigureAwait(false))
        {
            return ExecutionResult.Fail(ToolCallStatus.Busy, BurlyErrorCodes.Busy,
                $"All {_gate.Capacity} execution slots are busy (MAX_CONCURRENT_TOOLS). Retry in a few seconds.");
        }

        Interlocked.Increment(ref _inFlight);
        metrics.ToolsInFlight.Add(1);
        try
        {
            return await execute.ExecuteAsync(call, implementation, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            metrics.ToolsInFlight.Add(-1);
            Interlocked.Decrement(ref _inFlight);
            _gate.Exit();
        }
    }
}
