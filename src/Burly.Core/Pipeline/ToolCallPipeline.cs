using System.Text.Json;
using Burly.Audit;
using Burly.Confirmation;
using Burly.Configuration;
using Burly.Metrics;
using Burly.Pipeline.Steps;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Burly.Pipeline;

/// <summary>
/// The one path every tool call takes, from every host, in the order of the contract:
/// policy → schema → confirmation → bounds → execute → audit → metrics → notifications
/// (each step is its own type in <c>Pipeline/Steps</c>; <see cref="InvokeAsync"/> composes them).
/// </summary>
public sealed partial class ToolCallPipeline : IDisposable
{
    private static readonly JsonDocument EmptyArguments = JsonDocument.Parse("{}");
    private readonly IPolicyProvider _policy;
    private readonly IToolCatalog _catalog;
    private readonly IToolAuthorizer _authorizer;
    private readonly TimeProvider _time;
    private readonly PolicyStep _policyStep;
    private readonly SchemaStep _schema;
    private readonly ConfirmationStep _confirmation;
    private readonly BoundsStep _bounds;
    private readonly ExecuteStep _execute;
    private readonly AuditStep _audit;
    private readonly MetricsStep _metrics;
    private readonly NotificationStep _notifications;

    internal ToolCallPipeline(
        IPolicyProvider policy,
        IToolCatalog catalog,
        IToolAuthorizer authorizer,
        IAuditLog audit,
        BurlyMetrics metrics,
        IEnumerable<IToolCallObserver> observers,
        IOptions<BurlyOptions> options,
        TimeProvider time,
        IServiceProvider services,
        SecurityEventSink security,
        ApprovalStore approvals,
        ILogger<ToolCallPipeline> logger)
    {
        var o = options.Value;
        _policy = policy;
        _catalog = catalog;
        _authorizer = authorizer;
        _time = time;
        _policyStep = new PolicyStep(catalog, authorizer, metrics, time);
        _schema = new SchemaStep(o.Limits, time);
        _confirmation = new ConfirmationStep(approvals, metrics, o.StrictSecurityMode, time, logger);
        _bounds = new BoundsStep(o.Limits, metrics);
        _execute = new ExecuteStep(o.Limits, services, security, time, logger);
        _audit = new AuditStep(audit, o.Audit, time);
        _metrics = new MetricsStep(metrics);
        _notifications = new NotificationStep(observers, logger);
    }

    /// <summary>Gets how many calls are executing now.</summary>
    public long InFlight => _bounds.InFlight;

    /// <summary>Runs one call through every step and returns its outcome. Never throws for tool or input errors.</summary>
    /// <param name="request">The call.</param>
    /// <param name="cancellationToken">Cancels the call (client went away); the tool's own timeout comes from the policy.</param>
    /// <returns>The outcome (already audited).</returns>
    public async Task<ToolCallOutcome> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (call, confirmValue, wellFormed) = Start(request);

        // 1. Policy: the tool is enabled and implemented, and the caller may use it.
        if (_policyStep.Check(call, out var implementation) is { } refused)
        {
            return await CompleteAsync(call, refused).ConfigureAwait(false);
        }

        // 2. Schema: the arguments (without _confirm) match the tool's inputSchema and limits.
        if (_schema.Check(call, wellFormed) is { } invalid)
        {
            return await CompleteAsync(call, invalid).ConfigureAwait(false);
        }

        // 3. Confirmation, for tools that require it.
        var tool = call.Tool!;
        if (tool.RequiresConfirm && await _confirmation.ConfirmAsync(call, confirmValue, cancellationToken).ConfigureAwait(false) is { } unconfirmed)
        {
            return await CompleteAsync(call, unconfirmed).ConfigureAwait(false);
        }

        // Write-ahead audit, fail closed: a mutating call runs only after its intent record is durable.
        if (tool.Mutates && !await _audit.WriteIntentAsync(call).ConfigureAwait(false))
        {
            return await CompleteAsync(call, call.Refuse(_time, ToolCallStatus.Failure, BurlyErrorCodes.Internal,
                "The audit log cannot be written, so changes are refused. Check the audit directory's permissions and free space (see `burly health`).")).ConfigureAwait(false);
        }

        // 4–5. Bounds (slots, single-flight of identical read-only calls) around execute (timeout, output schema and size).
        var execution = await _bounds.RunAsync(call, implementation, _execute, cancellationToken).ConfigureAwait(false);
        return await CompleteAsync(call, execution.ToOutcome(call, tool, _time.GetElapsedTime(call.Started).TotalMilliseconds)).ConfigureAwait(false);
    }

    /// <summary>Audits and counts a call that never reached the pipeline's resolve step in a usable form (e.g. an unknown tool seen by a transport filter).</summary>
    /// <param name="request">The call.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The outcome.</returns>
    public Task<ToolCallOutcome> ReportUnknownToolAsync(ToolCallRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(request, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _bounds.Dispose();

    /// <summary>Reads the policy once for the whole call and separates <c>_confirm</c> from the tool's arguments.</summary>
    private (ToolCallState Call, JsonElement? ConfirmValue, bool WellFormed) Start(ToolCallRequest request)
    {
        var started = _time.GetTimestamp();
        var requestId = string.IsNullOrEmpty(request.RequestId) ? Guid.NewGuid().ToString("N") : request.RequestId;
        var (arguments, confirmValue) = ConfirmArgument.Split(request.Arguments);
        var wellFormed = JsonText.IsWellFormed(arguments);
        if (!wellFormed)
        {
            // A lone UTF-16 surrogate cannot be hashed, logged or passed on: keep none of it.
            arguments = EmptyArguments.RootElement;
            confirmValue = null;
        }

        return (new ToolCallState(request, requestId, _policy.Current, arguments, CanonicalJson.Hash(arguments), started), confirmValue, wellFormed);
    }

    /// <summary>6–8. Audit, metrics, notifications: every call that gets an answer passes here exactly once.</summary>
    private async Task<ToolCallOutcome> CompleteAsync(ToolCallState call, ToolCallOutcome outcome)
    {
        if (outcome.PendingConfirmation is not null)
        {
            return outcome; // the client is asked in-band and repeats the call: that call is audited, this one is not
        }

        await _audit.WriteCompletionAsync(call, outcome).ConfigureAwait(false);
        _metrics.Record(call, outcome);
        _notifications.Notify(call, outcome);
        return outcome;
    }
}
