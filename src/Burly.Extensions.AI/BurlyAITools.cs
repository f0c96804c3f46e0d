using System.Collections;
using System.Text.Json;
using Burly.Audit;
using Burly.Confirmation;
using Burly.Pipeline;
using Microsoft.Extensions.AI;

namespace Burly.Extensions.AI;

/// <summary>
/// Burly's tools for one caller as <see cref="AIFunction"/>s (one per tool the policy exposes to that caller), and the
/// way the application answers their approval requests. Tools whose policy requires confirmation are
/// <see cref="ApprovalRequiredAIFunction"/>s: <c>FunctionInvokingChatClient</c> and <c>ChatClientAgent</c> return a
/// <see cref="ToolApprovalRequestContent"/> instead of calling them, and the call runs only after the application answered
/// it with <see cref="ApproveAsync"/> (audited <c>in-process-approval</c> with the approver).
/// </summary>
public sealed class BurlyAITools : IReadOnlyList<AIFunction>
{
    private readonly IBurlyToolInvoker _invoker;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly Dictionary<string, BurlyToolDescriptor> _tools;
    private readonly List<AIFunction> _functions;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _firstSeen = [];
    private readonly Dictionary<string, Queue<Answer>> _answers = [];

    internal BurlyAITools(IBurlyToolInvoker invoker, CallerContext caller, TimeProvider time, TimeSpan ttl)
    {
        _invoker = invoker;
        Caller = caller;
        _time = time;
        _ttl = ttl;
        var tools = invoker.ListTools(caller);
        _tools = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _functions = tools.Select(t =>
        {
            AIFunction function = new BurlyAIFunction(this, t);
            return t.RequiresConfirmation ? new ApprovalRequiredAIFunction(function) : function;
        }).ToList();
    }

    /// <summary>Gets the caller every call is made as (transport <c>in-process</c>).</summary>
    public CallerContext Caller { get; }

    /// <inheritdoc />
    public int Count => _functions.Count;

    /// <inheritdoc />
    public AIFunction this[int index] => _functions[index];

    /// <summary>Returns whether an approval request is for one of these tools.</summary>
    /// <param name="request">The request.</param>
    /// <returns><see langword="true"/> when <see cref="Describe"/> can describe it.</returns>
    public bool Owns(ToolApprovalRequestContent request) =>
        request?.ToolCall is FunctionCallContent call && _tools.ContainsKey(call.Name);

    /// <summary>Describes an approval request for the approver (what changes, on which target) and starts its time-to-live.</summary>
    /// <param name="request">The request from the chat response or agent response.</param>
    /// <returns>The description.</returns>
    /// <exception cref="ArgumentException">The request is not for one of these tools.</exception>
    public BurlyApprovalRequest Describe(ToolApprovalRequestContent request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ToolCall is not FunctionCallContent call || !_tools.TryGetValue(call.Name, out var tool))
        {
            throw new ArgumentException("The approval request is not for one of Burly's tools; answer it where that tool came from.", nameof(request));
        }

        var (arguments, _) = ConfirmArgument.Split(ToElement(call.Arguments));
        var argsHash = ConfirmArgument.Hash(arguments);
        DateTimeOffset firstSeen;
        lock (_lock)
        {
            var key = request.RequestId;
            if (!_firstSeen.TryGetValue(key, out firstSeen))
            {
                firstSeen = _time.GetUtcNow();
                _firstSeen[key] = firstSeen;
            }
        }

        return new BurlyApprovalRequest(request, tool, arguments, argsHash, firstSeen);
    }

    /// <summary>Approves the call: it runs (once, with exactly these arguments, within the time-to-live) when the chat client or agent gets the answer.</summary>
    /// <param name="request">The request.</param>
    /// <param name="approver">Who approves, e.g. <c>local:alice</c>; audited as <c>approved_by</c>.</param>
    /// <param name="reason">An optional note.</param>
    /// <returns>The answer to add to the next user message.</returns>
    public ToolApprovalResponseContent Approve(ToolApprovalRequestContent request, string approver, string? reason = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approver);
        var described = Describe(request);
        lock (_lock)
        {
            var key = Key(described.Tool.Name, described.ArgsHash);
            if (!_answers.TryGetValue(key, out var queue))
            {
                _answers[key] = queue = new Queue<Answer>();
            }

            queue.Enqueue(new Answer(approver, described.FirstSeen));
        }

        return request.CreateResponse(approved: true, reason);
    }

    /// <summary>Approves the call (see <see cref="Approve"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="approver">Who approves.</param>
    /// <param name="reason">An optional note.</param>
    /// <returns>The answer to add to the next user message.</returns>
    public ValueTask<ToolApprovalResponseContent> ApproveAsync(ToolApprovalRequestContent request, string approver, string? reason = null) =>
        ValueTask.FromResult(Approve(request, approver, reason));

    /// <summary>Declines the call: it is audited now (<c>CONFIRMATION_DECLINED</c>, <c>in-process-approval</c>, the approver) and never runs.</summary>
    /// <param name="request">The request.</param>
    /// <param name="approver">Who declines; audited as <c>approved_by</c>.</param>
    /// <param name="reason">Why (shown to the model and audited).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The answer to add to the next user message.</returns>
    public async ValueTask<ToolApprovalResponseContent> DeclineAsync(ToolApprovalRequestContent request, string approver, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approver);
        var described = Describe(request);
        await _invoker.InvokeAsync(new ToolCallRequest
        {
            ToolName = described.Tool.Name,
            Arguments = described.Arguments,
            Caller = Caller,
            ConfirmationEvidence = ConfirmationEvidence.FromInProcessApproval(approver, accepted: false, reason ?? "declined by the approver"),
        }, cancellationToken).ConfigureAwait(false);
        return request.CreateResponse(approved: false, reason);
    }

    /// <inheritdoc />
    public IEnumerator<AIFunction> GetEnumerator() => _functions.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Runs one call of a function: the application's approval (if any) becomes the pipeline's confirmation evidence.</summary>
    internal async Task<ToolCallOutcome> InvokeAsync(BurlyToolDescriptor tool, JsonElement arguments, CancellationToken cancellationToken)
    {
        ConfirmationEvidence? evidence = null;
        if (tool.RequiresConfirmation)
        {
            var (toolArguments, _) = ConfirmArgument.Split(arguments);
            if (TakeAnswer(tool.Name, ConfirmArgument.Hash(toolArguments)) is { } answer)
            {
                var age = _time.GetUtcNow() - answer.FirstSeen;
                evidence = age <= _ttl
                    ? ConfirmationEvidence.FromInProcessApproval(answer.Approver, accepted: true)
                    : ConfirmationEvidence.FromInProcessApproval(answer.Approver, accepted: false, $"the approval expired ({(int)age.TotalSeconds} s after the request; the limit is {(int)_ttl.TotalSeconds} s); ask again");
            }
        }

        return await _invoker.InvokeAsync(new ToolCallRequest
        {
            ToolName = tool.Name,
            Arguments = arguments,
            Caller = Caller,
            ConfirmationEvidence = evidence,
        }, cancellationToken).ConfigureAwait(false);
    }

    internal static JsonElement ToElement(IEnumerable<KeyValuePair<string, object?>>? arguments)
    {
        var map = arguments?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? [];
        return JsonSerializer.SerializeToElement(map, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>)));
    }

    private static string Key(string tool, string argsHash) => tool + "\0" + argsHash;

    private Answer? TakeAnswer(string tool, string argsHash)
    {
        lock (_lock)
        {
            var key = Key(tool, argsHash);
            if (!_answers.TryGetValue(key, out var queue) || !queue.TryDequeue(out var answer))
            {
                return null;
            }

            if (queue.Count == 0)
            {
                _answers.Remove(key);
            }

            return answer;
        }
    }

    private sealed record Answer(string Approver, DateTimeOffset FirstSeen);
}
