using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

// Sampling is deprecated from protocol 2026-07-28 (SEP-2577) but is what 2025-11-25 clients use.
#pragma warning disable MCP9005

namespace Burly.Pipeline;

/// <summary>
/// The session a tool gets from the pipeline: progress and log messages pass through; elicitation and sampling pass
/// only when the tool's policy lists them in <c>client_requests</c>, and every such exchange is counted for the audit record.
/// </summary>
internal sealed class PolicyToolSession(IToolSession inner, ToolPolicy tool) : IToolSession
{
    private const int MaxRecordedElicitations = 10;
    private const int MaxMessageChars = 256;
    private readonly Lock _lock = new();
    private readonly JsonArray _elicitations = [];
    private int _elicitationCount;
    private int _samplingCount;
    private int _refused;

    public ValueTask ReportProgressAsync(double progress, double? total = null, string? message = null, CancellationToken cancellationToken = default) =>
        inner.ReportProgressAsync(progress, total, message, cancellationToken);

    public ValueTask LogAsync(LogLevel level, string message, CancellationToken cancellationToken = default) =>
        inner.LogAsync(level, message, cancellationToken);

    public async ValueTask<ElicitResult> ElicitAsync(ElicitRequestParams request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Admit(ClientRequestKinds.Elicitation);
        var entry = new JsonObject
        {
            [AuditClientRequestFields.Message] = request.Message.Length <= MaxMessageChars ? request.Message : request.Message[..MaxMessageChars] + "…",
            [AuditClientRequestFields.Requested] = new JsonArray([.. (request.RequestedSchema?.Properties?.Keys ?? []).Order(StringComparer.Ordinal).Select(k => (JsonNode?)k)]),
        };
        lock (_lock)
        {
            _elicitationCount++;
            if (_elicitations.Count < MaxRecordedElicitations)
            {
                _elicitations.Add(entry);
            }
        }

        try
        {
            var answer = await inner.ElicitAsync(request, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                entry[AuditClientRequestFields.Action] = answer.Action;
                entry[AuditClientRequestFields.AnswerFields] = new JsonArray([.. (answer.Content?.Keys ?? []).Order(StringComparer.Ordinal).Select(k => (JsonNode?)k)]);
            }

            return answer;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            lock (_lock)
            {
                entry[AuditClientRequestFields.Action] = "error";
            }

            throw;
        }
    }

    public ValueTask<CreateMessageResult> SampleAsync(CreateMessageRequestParams request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Admit(ClientRequestKinds.Sampling);
        Interlocked.Increment(ref _samplingCount);
        return inner.SampleAsync(request, cancellationToken);
    }

    /// <summary>The audit object, or <see langword="null"/> when the tool sent no client request.</summary>
    public JsonObject? ToAudit()
    {
        lock (_lock)
        {
            if (_elicitationCount == 0 && _samplingCount == 0 && _refused == 0)
            {
                return null;
            }

            return new JsonObject
            {
                [AuditClientRequestFields.Elicitation] = _elicitationCount,
                [AuditClientRequestFields.Sampling] = _samplingCount,
                [AuditClientRequestFields.Refused] = _refused,
                [AuditClientRequestFields.Elicitations] = _elicitations.DeepClone(),
            };
        }
    }

    private void Admit(string kind)
    {
        if (tool.ClientRequests.Contains(kind))
        {
            return;
        }

        Interlocked.Increment(ref _refused);
        throw new ToolException(BurlyErrorCodes.Forbidden,
            $"'{tool.Name}' tried to send a {kind} request to the client, but its policy does not allow it. An operator can add 'client_requests: [{kind}]' to the tool's policy entry.",
            new JsonObject { ["client_request"] = kind });
    }
}
