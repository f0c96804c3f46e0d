using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Confirmation;
using Burly.Configuration;
using Burly.Metrics;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Burly.Pipeline;

/// <summary>
/// The one path every tool call takes, from every host: resolve → authorise → validate arguments →
/// confirm → admit → execute with timeout → bound output → audit → measure → notify.
/// </summary>
public sealed partial class ToolCallPipeline : IDisposable
{
    private readonly IPolicyProvider _policy;
    private readonly IToolCatalog _catalog;
    private readonly IToolAuthorizer _authorizer;
    private readonly IAuditLog _audit;
    private readonly BurlyMetrics _metrics;
    private readonly IEnumerable<IToolCallObserver> _observers;
    private readonly BurlyOptions _options;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly SecurityEventSink _security;
    private readonly ApprovalStore _approvals;
    private readonly ILogger<ToolCallPipeline> _logger;
    private static readonly JsonDocument EmptyArguments = JsonDocument.Parse("{}");
    private readonly ArgumentValidator _validator = new();
    private readonly OutputSchemaValidator _outputValidator = new();
    private readonly ConcurrencyGate _gate;
    private long _inFlight;

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
        _approvals = approvals;
        _policy = policy;
        _catalog = catalog;
        _authorizer = authorizer;
        _audit = audit;
        _metrics = metrics;
        _observers = observers;
        _options = options.Value;
        _time = time;
        _services = services;
        _security = security;
        _logger = logger;
        _gate = new ConcurrencyGate(_options.Limits.MaxConcurrentTools);
    }

    /// <summary>Gets how many calls are executing now.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Runs one call through every step and returns its outcome. Never throws for tool or input errors.</summary>
    /// <param name="request">The call.</param>
    /// <param name="cancellationToken">Cancels the call (client went away); the tool's own timeout comes from the policy.</param>
    /// <returns>The outcome (already audited).</returns>
    public async Task<ToolCallOutcome> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        var requestId = string.IsNullOrEmpty(request.RequestId) ? Guid.NewGuid().ToString("N") : request.RequestId;
        var document = _policy.Current;
        var (arguments, confirmValue) = ConfirmArgument.Split(request.Arguments);
        var wellFormed = JsonText.IsWellFormed(arguments);
        if (!wellFormed)
        {
            // A lone UTF-16 surrogate cannot be hashed, logged or passed on: keep none of it.
            arguments = EmptyArguments.RootElement;
            confirmValue = null;
        }

        var argsHash = CanonicalJson.Hash(arguments);
        var call = new CallState(request, requestId, document, arguments, argsHash, started);

        // 1. Resolve
        if (!document.Tools.TryGetValue(request.ToolName, out var tool) || (tool.Implementation ?? _catalog.Tools.GetValueOrDefault(request.ToolName)) is not { } implementation)
        {
            return await CompleteAsync(call, Refusal(call, ToolCallStatus.Invalid, BurlyErrorCodes.UnknownTool,
                $"Unknown tool '{Truncate(request.ToolName, 64)}'. Call tools/list for the available tools.",
                new JsonObject { ["available_tools"] = new JsonArray(document.Tools.Keys.Select(k => (JsonNode?)k).ToArray()) })).ConfigureAwait(false);
        }

        call.Tool = tool;

        // 2. Authorise
        if (_authorizer.Authorize(request.Caller, tool) is { } reason)
        {
            _metrics.SecurityViolations.Add(1, new KeyValuePair<string, object?>(BurlyMetricTags.Type, SecurityViolationTypes.ForbiddenCall));
            return await CompleteAsync(call, Refusal(call, ToolCallStatus.Denied, BurlyErrorCodes.Forbidden, reason)).ConfigureAwait(false);
        }

        // 3. Validate arguments (after removing _confirm, which is not the tool's argument)
        var problems = wellFormed
            ? _validator.Validate(tool, arguments, _options.Limits.MaxArgumentDepth, _options.Limits.MaxArgumentBytes)
            : ["/: a string is not valid Unicode (a lone UTF-16 surrogate); send well-formed text"];
        if (problems.Count > 0)
        {
            return await CompleteAsync(call, Refusal(call, ToolCallStatus.Invalid, BurlyErrorCodes.InvalidArguments,
                $"Invalid arguments for '{tool.Name}': {string.Join("; ", problems)}. Fix them to match the tool's inputSchema.",
                new JsonObject { ["violations"] = ArgumentValidator.ToJson(problems) })).ConfigureAwait(false);
        }

        // 4. Confirm
        if (tool.RequiresConfirm)
        {
            var confirmation = await ConfirmAsync(call, tool, confirmValue, cancellationToken).ConfigureAwait(false);
            if (confirmation is not null)
            {
                return await CompleteAsync(call, confirmation).ConfigureAwait(false);
            }
        }

        // Write-ahead audit, fail closed: a mutating call runs only after its intent record is durable.
        if (tool.Mutates && !await WriteIntentAsync(call).ConfigureAwait(false))
        {
            return await CompleteAsync(call, Refusal(call, ToolCallStatus.Failure, BurlyErrorCodes.Internal,
                "The audit log cannot be written, so changes are refused. Check the audit directory's permissions and free space (see `burly health`).")).ConfigureAwait(false);
        }

        // 5–7. Admit, execute, bound
        ExecutionResult execution;
        if (!tool.Mutates)
        {
            // The shared run gets its own token (see ConcurrencyGate): one caller leaving does not cancel the others' result.
            try
            {
                (execution, _) = await _gate.RunSharedAsync(tool.Name + "\0" + argsHash, ct => AdmitAndExecuteAsync(call, tool, implementation, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                execution = ExecutionResult.Fail(ToolCallStatus.Failure, BurlyErrorCodes.ToolFailed, $"'{tool.Name}' was cancelled by the client.");
            }
        }
        else
        {
            execution = await AdmitAndExecuteAsync(call, tool, implementation, cancellationToken).ConfigureAwait(false);
        }

        var outcome = execution.ToOutcome(call, tool, _time.GetElapsedTime(started).TotalMilliseconds);
        return await CompleteAsync(call, outcome).ConfigureAwait(false);
    }

    /// <summary>Audits and counts a call that never reached the pipeline's resolve step in a usable form (e.g. an unknown tool seen by a transport filter).</summary>
    /// <param name="request">The call.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The outcome.</returns>
    public Task<ToolCallOutcome> ReportUnknownToolAsync(ToolCallRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(request, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<ExecutionResult> AdmitAndExecuteAsync(CallState call, ToolPolicy tool, ToolDefinition implementation, CancellationToken cancellationToken)
    {
        if (!await _gate.TryEnterAsync(TimeSpan.FromMilliseconds(_options.Limits.AdmissionTimeoutMs), cancellationToken).ConfigureAwait(false))
        {
            return ExecutionResult.Fail(ToolCallStatus.Busy, BurlyErrorCodes.Busy,
                $"All {_gate.Capacity} execution slots are busy (MAX_CONCURRENT_TOOLS). Retry in a few seconds.");
        }

        Interlocked.Increment(ref _inFlight);
        _metrics.ToolsInFlight.Add(1);
        try
        {
            return await ExecuteAsync(call, tool, implementation, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _metrics.ToolsInFlight.Add(-1);
            Interlocked.Decrement(ref _inFlight);
            _gate.Exit();
        }
    }

    private async Task<ExecutionResult> ExecuteAsync(CallState call, ToolPolicy tool, ToolDefinition implementation, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(tool.TimeoutSec), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var context = new ToolContext
        {
            ToolName = tool.Name,
            Arguments = call.Arguments,
            Policy = tool,
            PolicySettings = call.Document.Settings,
            Caller = call.Request.Caller,
            RequestId = call.RequestId,
            Services = _services,
            Security = _security.For(call.Request.Caller, call.RequestId),
            Session = call.Session = new PolicyToolSession(call.Request.Session ?? NullToolSession.Instance, tool),
        };

        try
        {
            // WaitAsync returns at the deadline even if a tool ignores its token; the token still stops its resources.
            var result = await implementation.Handler(context, linked.Token).AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
            if (_outputValidator.Validate(tool, result.Data) is { Count: > 0 } mismatch)
            {
                // Never answer half-valid: the data stays in the server log only.
                LogOutputSchemaMismatch(_logger, tool.Name, call.RequestId, string.Join("; ", mismatch));
                return ExecutionResult.Fail(ToolCallStatus.Failure, BurlyErrorCodes.Internal,
                    $"'{tool.Name}' returned data that does not match its output schema, so it was not sent. The server log has the details under request id {call.RequestId}.");
            }

            var limit = tool.MaxOutputBytes ?? (_options.Limits.MaxOutputSize > 0 ? _options.Limits.MaxOutputSize : call.Document.Settings.OutputTruncateLimit);
            var (data, truncated, originalSize, outputSize) = OutputBounder.Bound(result.Data, limit);
            var (content, contentTruncated) = RichContentBounder.Bound(result.Content, _options.Limits);
            return new ExecutionResult(ToolCallStatus.Success, result.Summary + (truncated ? $" (output truncated from {originalSize} to {outputSize} bytes)" : string.Empty), data, truncated || contentTruncated, originalSize, outputSize, null) { Content = content };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
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
                LogToolError(_logger, tool.Name, call.RequestId, ex.InnerException);
            }

            var status = ex.Code is BurlyErrorCodes.PathOutsideRoot or BurlyErrorCodes.Forbidden ? ToolCallStatus.Denied
                : ex.Code == BurlyErrorCodes.InvalidArguments ? ToolCallStatus.Invalid
                : ToolCallStatus.Failure;
            return ExecutionResult.Fail(status, ex.Code, ex.Message, ex.Details);
        }
        catch (Exception ex)
        {
            // Full detail goes to the log only: no stack traces or host paths to the client.
            LogToolError(_logger, tool.Name, call.RequestId, ex);
            return ExecutionResult.Fail(ToolCallStatus.Failure, BurlyErrorCodes.ToolFailed,
                $"'{tool.Name}' failed unexpectedly. The server log has the details under request id {call.RequestId}.");
        }
    }

    private async Task<ToolCallOutcome?> ConfirmAsync(CallState call, ToolPolicy tool, JsonElement? confirmValue, CancellationToken cancellationToken)
    {
        var prompt = new ConfirmationPrompt(tool.Name, DescribeChange(tool, call.Arguments), call.Arguments, call.ArgsHash);
        var evidence = call.Request.ConfirmationEvidence;

        // A named approver's answer (the operator's --confirm on the CLI, an in-process application's approval) is a person's decision.
        if (evidence is { Approver: { } approver })
        {
            call.Approver = approver;
            return Confirmed(call, evidence.Method, evidence.Accepted, evidence.Reason);
        }

        foreach (var method in tool.Confirmation)
        {
            switch (method)
            {
                case ConfirmationMethod.Elicitation when evidence is { Method: "elicitation" }:
                    return Confirmed(call, "elicitation", evidence.Accepted);

                case ConfirmationMethod.Elicitation when call.Request.ConfirmationChannel is { CanAsk: true } channel:
                    ConfirmationAnswer answer;
                    try
                    {
                        answer = await channel.AskAsync(prompt, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogElicitationFailed(_logger, tool.Name, ex);
                        answer = ConfirmationAnswer.Unavailable;
                    }

                    switch (answer.Kind)
                    {
                        case ConfirmationAnswerKind.Accepted:
                            return Confirmed(call, "elicitation", accepted: true);
                        case ConfirmationAnswerKind.Declined:
                            return Confirmed(call, "elicitation", accepted: false);
                        case ConfirmationAnswerKind.Pending: // the transport asks the client; the retry is audited and counted
                            return NeedConfirm(call, tool, prompt, answer.Pending);
                    }

                    break;

                case ConfirmationMethod.Approval when confirmValue is { ValueKind: JsonValueKind.String } id && ApprovalStore.IsApprovalId(id.GetString()):
                    var (use, reason) = _approvals.TryConsume(id.GetString()!, tool.Name, call.ArgsHash, call.Request.Caller.UserId);
                    switch (use)
                    {
                        case ApprovalUse.Approved:
                            return Confirmed(call, "approval", accepted: true);
                        case ApprovalUse.Rejected:
                            return Confirmed(call, "approval", accepted: false);
                        default:
                            _metrics.Confirmations.Add(1, new KeyValuePair<string, object?>(BurlyMetricTags.Result, "required"));
                            return NeedConfirm(call, tool, prompt, pending: null, approvalNote: $"Approval {id.GetString()} cannot be used: {reason}.", existingApproval: use == ApprovalUse.Pending ? id.GetString() : null);
                    }

                case ConfirmationMethod.Argument when confirmValue is { } value && ConfirmArgument.IsTruthy(value) && !StrictRefusesArgument(tool):
                    return Confirmed(call, "argument", accepted: true);
            }
        }

        _metrics.Confirmations.Add(1, new KeyValuePair<string, object?>(BurlyMetricTags.Result, "required"));
        return NeedConfirm(call, tool, prompt, pending: null);
    }

    private ToolCallOutcome? Confirmed(CallState call, string method, bool accepted, string? reason = null)
    {
        _metrics.Confirmations.Add(1, new KeyValuePair<string, object?>(BurlyMetricTags.Result, accepted ? "accepted" : "declined"));
        call.ConfirmationMethod = method;
        if (accepted)
        {
            call.Confirmed = true;
            return null;
        }

        return Refusal(call, ToolCallStatus.Denied, BurlyErrorCodes.ConfirmationDeclined,
            $"The confirmation for '{call.Tool!.Name}' was declined ({method}{(reason is null ? null : ": " + reason)}). Nothing was changed.");
    }

    private ToolCallOutcome NeedConfirm(CallState call, ToolPolicy tool, ConfirmationPrompt prompt, PendingConfirmation? pending, string? approvalNote = null, string? existingApproval = null)
    {
        var argumentAllowed = tool.Confirmation.Contains(ConfirmationMethod.Argument) && !StrictRefusesArgument(tool);
        string? approvalId = existingApproval;
        if (approvalId is null && pending is null && tool.Confirmation.Contains(ConfirmationMethod.Approval))
        {
            try
            {
                approvalId = _approvals.Create(tool.Name, call.ArgsHash, prompt.Message, call.Request.Caller.UserId).Id;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogApprovalStoreFailed(_logger, ex);
            }
            catch (ApprovalLimitException ex)
            {
                return Refusal(call, ToolCallStatus.Denied, BurlyErrorCodes.RateLimited, $"{prompt.Message} This needs an out-of-band approval, but no new one can be requested: {ex.Message}");
            }
        }

        var example = new JsonObject();
        if (call.Arguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in call.Arguments.EnumerateObject())
            {
                example[p.Name] = JsonNode.Parse(p.Value.GetRawText());
            }
        }

        example[ConfirmArgument.Name] = true;
        var how = argumentAllowed
            ? $"Ask the user, then repeat the call with \"_confirm\": true to proceed."
            : StrictRefusesArgument(tool)
                ? "Strict security mode (STRICT_SECURITY_MODE=true) refuses \"_confirm\": true for this tool; out-of-band approval by an operator is the only method the caller cannot satisfy by itself."
                : $"This tool only accepts confirmation by {string.Join(" or ", tool.Confirmation.Select(m => m.ToString().ToLowerInvariant()))}; use a client that supports elicitation.";
        if (approvalId is not null)
        {
            how += $" Or have an operator run `burly approvals approve {approvalId}`, then repeat the call with \"_confirm\": \"{approvalId}\".";
        }

        if (approvalNote is not null)
        {
            how = approvalNote + " " + how;
        }

        var details = new JsonObject
        {
            ["tool"] = tool.Name,
            ["operation"] = prompt.Message,
            ["methods"] = new JsonArray(tool.Confirmation.Select(m => (JsonNode?)m.ToString().ToLowerInvariant()).ToArray()),
        };
        if (approvalId is not null)
        {
            details["approval_id"] = approvalId;
        }

        if (argumentAllowed)
        {
            details["required_arg"] = ConfirmArgument.Name;
            details["required_value"] = true;
            details["suggestion"] = $"Add '_confirm': true to {tool.Name} arguments to proceed";
            details["example"] = new JsonObject { ["name"] = tool.Name, ["arguments"] = example };
        }

        return new ToolCallOutcome
        {
            Status = ToolCallStatus.NeedConfirm,
            RequestId = call.RequestId,
            ToolName = tool.Name,
            Policy = tool,
            Summary = $"Confirmation required for {tool.Name}",
            Error = new ToolCallError(BurlyErrorCodes.ConfirmationRequired, $"{prompt.Message} This changes the system and needs confirmation. {how}", details),
            PendingConfirmation = pending,
            ElapsedMs = _time.GetElapsedTime(call.Started).TotalMilliseconds,
        };
    }

    private static string DescribeChange(ToolPolicy tool, JsonElement arguments)
    {
        var parts = arguments.ValueKind == JsonValueKind.Object
            ? arguments.EnumerateObject().Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}")
            : [];
        // Never cut: the approver must see every argument (their size is bounded by MaxArgumentBytes).
        var args = string.Join(", ", parts);
        return $"'{tool.Name}' ({tool.Description.TrimEnd('.')}) with {(args.Length == 0 ? "no arguments" : args)}.";
    }

    /// <summary>Strict mode refuses <c>_confirm: true</c> wherever the tool also lists a method the model cannot satisfy itself.</summary>
    private bool StrictRefusesArgument(ToolPolicy tool) =>
        _options.StrictSecurityMode && tool.Confirmation.Any(m => m != ConfirmationMethod.Argument);

    private ToolCallOutcome Refusal(CallState call, ToolCallStatus status, string code, string message, JsonNode? details = null) => new()
    {
        Status = status,
        RequestId = call.RequestId,
        ToolName = call.Request.ToolName,
        Policy = call.Tool,
        Summary = message.Split(". ")[0].TrimEnd('.'),
        Error = new ToolCallError(code, message, details),
        ConfirmationMethod = call.ConfirmationMethod,
        ElapsedMs = _time.GetElapsedTime(call.Started).TotalMilliseconds,
    };

    private async Task<bool> WriteIntentAsync(CallState call)
    {
        var intent = NewRecord(call, AuditEventTypes.ToolCallIntent);
        intent.Result = AuditResults.Started;
        try
        {
            await _audit.AppendAsync(intent, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (AuditWriteException)
        {
            return false; // logged and counted by the log
        }
    }

    private AuditRecord NewRecord(CallState call, string eventType) => new()
    {
        Timestamp = _time.GetUtcNow(),
        EventType = eventType,
        RequestId = call.RequestId,
        SessionId = call.Request.Caller.SessionId,
        Transport = call.Request.Caller.Transport,
        UserId = call.Request.Caller.UserId,
        ClientName = call.Request.Caller.ClientName,
        ClientVersion = call.Request.Caller.ClientVersion,
        ToolName = Truncate(call.Request.ToolName, 128),
        Arguments = _options.Audit.Arguments == "hash_only" ? null : AuditRedactor.Redact(call.Arguments, call.Document.Settings, _options.Audit),
        ArgsHash = call.ArgsHash,
        MutatesSystem = call.Tool?.Mutates ?? false,
        RequiresConfirmation = call.Tool?.RequiresConfirm ?? false,
        Confirmed = call.Confirmed,
        ConfirmationMethod = call.ConfirmationMethod,
        ApprovedBy = call.Approver,
    };

    private async Task<ToolCallOutcome> CompleteAsync(CallState call, ToolCallOutcome outcome)
    {
        if (outcome.PendingConfirmation is not null)
        {
            return outcome; // the client is asked in-band and repeats the call: that call is audited, this one is not
        }

        var tool = call.Tool;
        var toolLabel = tool?.Name ?? "(unknown)";
        var record = NewRecord(call, AuditEventTypes.ToolCall);
        record.Result = outcome.Error?.Code == BurlyErrorCodes.Cancelled ? AuditResults.Cancelled : outcome.AuditResult;
        record.Error = outcome.Error?.Message;
        record.ErrorCode = outcome.Error?.Code;
        record.ExitCode = outcome.IsSuccess ? 0 : 1;
        record.ExecutionTimeMs = outcome.ElapsedMs;
        record.OutputSize = outcome.OutputSize;
        record.OutputTruncated = outcome.Truncated;
        record.ClientRequests = call.Session?.ToAudit();

        try
        {
            await _audit.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AuditWriteException)
        {
            // Logged and counted by the log; read-only calls proceed, mutating ones were refused before running.
        }

        var status = ToolCallOutcome.ToAuditResult(outcome.Status);
        _metrics.ToolExecutions.Add(1, new(BurlyMetricTags.ToolName, toolLabel), new(BurlyMetricTags.Status, status));
        if (outcome.Status is ToolCallStatus.Success or ToolCallStatus.Failure or ToolCallStatus.Timeout)
        {
            _metrics.ToolExecutionSeconds.Record(outcome.ElapsedMs / 1000.0, new KeyValuePair<string, object?>(BurlyMetricTags.ToolName, toolLabel));
        }

        if (outcome.Error is { } error && outcome.Status is not (ToolCallStatus.Failure or ToolCallStatus.Timeout))
        {
            _metrics.Denials.Add(1, new(BurlyMetricTags.ToolName, toolLabel), new(BurlyMetricTags.Code, error.Code));
        }

        foreach (var observer in _observers)
        {
            try
            {
                observer.OnToolCallCompleted(outcome, call.Request.Caller);
            }
            catch (Exception ex)
            {
                LogObserverFailed(_logger, observer.GetType().Name, ex);
            }
        }

        return outcome;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Tool {Tool} failed (request {RequestId}).")]
    private static partial void LogToolError(ILogger logger, string tool, string requestId, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Elicitation for {Tool} failed; falling back to other confirmation methods.")]
    private static partial void LogElicitationFailed(ILogger logger, string tool, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "The approval store cannot be written; approvals are unavailable.")]
    private static partial void LogApprovalStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Tool {Tool} returned data that does not match its output schema (request {RequestId}): {Violations}")]
    private static partial void LogOutputSchemaMismatch(ILogger logger, string tool, string requestId, string violations);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Tool-call observer {Observer} failed.")]
    private static partial void LogObserverFailed(ILogger logger, string observer, Exception exception);

    private sealed class CallState(ToolCallRequest request, string requestId, PolicyDocument document, JsonElement arguments, string argsHash, long started)
    {
        public ToolCallRequest Request { get; } = request;

        public string RequestId { get; } = requestId;

        public PolicyDocument Document { get; } = document;

        public JsonElement Arguments { get; } = arguments;

        public string ArgsHash { get; } = argsHash;

        public long Started { get; } = started;

        public ToolPolicy? Tool { get; set; }

        public bool Confirmed { get; set; }

        public string? ConfirmationMethod { get; set; }

        public string? Approver { get; set; }

        public PolicyToolSession? Session { get; set; }
    }

    private sealed record ExecutionResult(ToolCallStatus Status, string Summary, JsonNode? Data, bool Truncated, long OriginalSize, long OutputSize, ToolCallError? Error)
    {
        public static ExecutionResult Fail(ToolCallStatus status, string code, string message, JsonNode? details = null) =>
            new(status, message.Split(". ")[0].TrimEnd('.'), null, false, 0, 0, new ToolCallError(code, message, details));

        public IReadOnlyList<ModelContextProtocol.Protocol.ContentBlock>? Content { get; init; }

        public ToolCallOutcome ToOutcome(CallState call, ToolPolicy tool, double elapsedMs) => new()
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
}
