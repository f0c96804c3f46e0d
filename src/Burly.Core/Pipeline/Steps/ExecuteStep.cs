using Burly.Configuration;
using Burly.Policy;
using System.Text.Json.Nodes;
using Burly.ToolPacks;
using Microsoft.Extensions.Logging;

namespace Burly.Pipeline.Steps;

/// <summary>
/// Pipeline step 5, execute: runs the tool's handler under the policy's timeout (<c>timeout_sec</c>), checks its data against
/// the output schema, and bounds its output (<c>max_output_bytes</c> / <c>MAX_OUTPUT_SIZE</c>, rich content limits).
/// Tool errors become results: no stack traces or host paths reach the client (they go to the log under the request id).
/// </summary>
internal sealed partial class ExecuteStep(LimitsOptions limits, IServiceProvider services, SecurityEventSink security, TimeProvider time, ILogger logger)
{
    private readonly OutputSchemaValidator _outputValidator = new();

    /// <summary>Runs the tool under its timeout and bounds its output. Never throws for tool errors.</summary>
    public async Task<ExecutionResult> ExecuteAsync(ToolCallState call, ToolDefinition implementation, CancellationToken cancellationToken)
    {
        var tool = call.Tool!;
        // One source per call: the policy's timeout on the TimeProvider's timer, cancelled also when the caller's token
        // fires (a registration instead of a second, linked source). Which one fired decides the error code below.
        using var run = new CancellationTokenSource(TimeSpan.FromSeconds(tool.TimeoutSec), time);
        using var callerGone = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), run);
        var context = new ToolContext
        {
            ToolName = tool.Name,
            Arguments = call.Arguments,
            Policy = tool,
            PolicySettings = call.Document.Settings,
            Caller = call.Request.Caller,
            RequestId = call.RequestId,
            Services = services,
            Security = security.For(call.Request.Caller, call.RequestId),
            Session = call.Session = new PolicyToolSession(call.Request.Session ?? NullToolSession.Instance, tool),
        };

        try
        {
            // WaitAsync returns at the deadline even if a tool ignores its token; the token still stops its resources.
            var result = await implementation.Handler(context, run.Token).AsTask().WaitAsync(run.Token).ConfigureAwait(false);
            if (_outputValidator.Validate(tool, result.Data) is { Count: > 0 } mismatch)
            {
                // Never answer half-valid: the data stays in the server log only.
                LogOutputSchemaMismatch(logger, tool.Name, call.RequestId, string.Join("; ", mismatch));
                return ExecutionResult.Fail(ToolCallStatus.Failure, BurlyErrorCodes.Internal,
                    $"'{tool.Name}' returned data that does not match its output schema, so it was not sent. The server log has the details under request id {call.RequestId}.");
            }

            var limit = tool.MaxOutputBytes ?? (limits.MaxOutputSize > 0 ? limits.MaxOutputSize : call.Document.Settings.OutputTruncateLimit);
            var (data, truncated, originalSize, outputSize) = OutputBounder.Bound(result.Data, limit);
            var (content, contentTruncated) = RichContentBounder.Bound(result.Content, limits);
            return new ExecutionResult(ToolCallStatus.Success, result.Summary + (truncated ? $" (output truncated from {originalSize} to {outputSize} bytes)" : string.Empty), data, truncated || contentTruncated, originalSize, outputSize, null) { Content = content };
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ExecutionResult.Fail(ToolCallStatus.Timeout, BurlyErrorCodes.Timeout,
                $"'{tool.Name}' did not finish within its timeout of {tool.TimeoutSec} s and was cancelled. Retry, or raise timeout_sec in the policy (max 300).");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Audited as result "cancelled": a mutating tool may have made its change before it stopped.
            return ExecutionResult.Fail(ToolCallStatus.Failure, BurlyErrorCodes.Cancelled, tool.Mutates
                ? $"'{tool.Name}' was cancelled by the client while it ran; whether the change was made is unknown. Check the target before retrying."
                : $"'{tool.Name}' was cancelled by the client.");
        }
        catch (ToolException ex)
        {
            if (ex.InnerException is not null)
            {
                LogToolError(logger, tool.Name, call.RequestId, ex.InnerException);
            }

            var status = ex.Code is BurlyErrorCodes.PathOutsideRoot or BurlyErrorCodes.Forbidden ? ToolCallStatus.Denied
                : ex.Code == BurlyErrorCodes.InvalidArguments ? ToolCallStatus.Invalid
                : ToolCallStatus.Failure;
            return ExecutionResult.Fail(status, ex.Code, ex.Message, ex.Details);
        }
        catch (Exception ex)
        {
            // Full detail goes to the log only: no stack traces or host paths to the client.
            LogToolError(logger, tool.Name, call.RequestId, ex);
            return ExecutionResult.Fail(ToolCallStatus.Failure, BurlyErrorCodes.ToolFailed,
                $"'{tool.Name}' failed unexpectedly. The server log has the details under request id {call.RequestId}.");
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Tool {Tool} failed (request {RequestId}).")]
    private static partial void LogToolError(ILogger logger, string tool, string requestId, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Tool {Tool} returned data that does not match its output schema (request {RequestId}): {Violations}")]
    private static partial void LogOutputSchemaMismatch(ILogger logger, string tool, string requestId, string violations);
}

/// <summary>What running a tool produced, before it becomes a <see cref="ToolCallOutcome"/>.</summary>
internal sealed record ExecutionResult(ToolCallStatus Status, string Summary, JsonNode? Data, bool Truncated, long OriginalSize, long OutputSize, ToolCallError? Error)
{
    public static ExecutionResult Fail(ToolCallStatus status, string code, string message, JsonNode? details = null) =>
        new(status, message.Split(". ")[0].TrimEnd('.'), null, false, 0, 0, new ToolCallError(code, message, details));

    public IReadOnlyList<ModelContextProtocol.Protocol.ContentBlock>? Content { get; init; }

    public ToolCallOutcome ToOutcome(ToolCallState call, ToolPolicy tool, double elapsedMs) => new()
    {
        Status = Status,
        RequestId = call.RequestId,
        ToolName = tool.Name,
        Policy = tool,
        Summary = Summary,
        Data = Data?.DeepClone(),
        Content = Content,
        Truncated = Truncated,
        OriginalSize = OriginalSize,
        OutputSize = OutputSize,
        Error = Error,
        ConfirmationMethod = call.ConfirmationMethod,
        ElapsedMs = elapsedMs,
    };
}
