using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Completions;
using Burly.Configuration;
using Burly.Pipeline;
using Burly.Policy;
using Burly.Prompts;
using Burly.ToolPacks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Burly.Resources;

/// <summary>
/// The read pipeline for resources and prompts (the counterpart of the tool pipeline for <c>resources/read</c>,
/// <c>prompts/get</c>, their lists and <c>completion/complete</c>): resolve against the policy, authorise the caller
/// (the policy entry's <c>allow</c> and the credential's tool scopes), run the pack under the policy's default timeout,
/// bound the answer by the entry's <c>max_bytes</c>, and audit every read and refusal (<c>resource_read</c>, <c>prompt_get</c>).
/// </summary>
internal sealed partial class ReadPipeline(
    ReadCatalog catalog,
    IPolicyProvider policy,
    IAuditLog audit,
    TimeProvider time,
    IOptions<BurlyOptions> options,
    ILogger<ReadPipeline> logger)
{
    /// <summary>Whether a caller may read an enabled entry; <see langword="null"/> when allowed, else the reason.</summary>
    public static string? Authorize(CallerContext caller, ReadPolicy entry, string kind)
    {
        if (caller.ToolScopes is { } scopes && !scopes.Any(s => Glob.IsMatch(s, entry.Name)))
        {
            return $"The credential '{caller.UserId}' is limited to names matching {string.Join(", ", scopes)}; the {kind} '{entry.Name}' is not one of them.";
        }

        if (entry.Allow is { } allow && !allow.Any(a => Glob.IsMatch(a, caller.UserId) || Glob.IsMatch(a, caller.PrincipalName)))
        {
            return $"The policy allows the {kind} '{entry.Name}' only for {string.Join(", ", allow)}; '{caller.UserId}' is not one of them.";
        }

        return null;
    }

    public bool HasResources => catalog.Resources.Count > 0;

    public bool HasPrompts => catalog.Prompts.Count > 0;

    public IEnumerable<ResourceDefinition> VisibleResources(CallerContext caller) => VisibleResources(caller, policy.Current);

    /// <summary>The resources (and templates) a caller may see under a given policy, in catalog order.</summary>
    public IEnumerable<ResourceDefinition> VisibleResources(CallerContext caller, PolicyDocument document) =>
        catalog.Resources.Select(r => r.Definition)
            .Where(d => document.Resources.TryGetValue(d.Name, out var entry) && Authorize(caller, entry, "resource") is null);

    public IEnumerable<PromptDefinition> VisiblePrompts(CallerContext caller) => VisiblePrompts(caller, policy.Current);

    /// <summary>The prompts a caller may see under a given policy, in catalog order.</summary>
    public IEnumerable<PromptDefinition> VisiblePrompts(CallerContext caller, PolicyDocument document) =>
        catalog.Prompts.Values
            .Where(d => document.Prompts.TryGetValue(d.Name, out var entry) && Authorize(caller, entry, "prompt") is null);

    public async ValueTask<ReadResourceResult> ReadResourceAsync(CallerContext caller, string uri, CancellationToken cancellationToken)
    {
        var record = NewRecord(AuditEventTypes.ResourceRead, caller);
        record.Details = new JsonObject { ["uri"] = uri.Length <= 512 ? uri : uri[..512] };
        var started = Stopwatch.GetTimestamp();
        var match = catalog.Match(uri);
        record.ToolName = match?.Definition.Name;
        if (match is null || !policy.Current.Resources.TryGetValue(match.Value.Definition.Name, out var entry))
        {
            throw await RefuseAsync(record, AuditResults.Invalid, BurlyErrorCodes.UnknownTool, McpErrorCode.ResourceNotFound,
                "Unknown resource. Call resources/list and resources/templates/list for the resources you may read.", cancellationToken).ConfigureAwait(false);
        }

        var (definition, variables) = match.Value;
        record.Arguments = variables.Count == 0 ? null : ToAuditArguments(variables);
        if (Authorize(caller, entry, "resource") is { } reason)
        {
            throw await RefuseAsync(record, AuditResults.Denied, BurlyErrorCodes.Forbidden, McpErrorCode.InvalidRequest, reason, cancellationToken).ConfigureAwait(false);
        }

        ResourceContent content;
        try
        {
            content = await RunAsync(definition.Name, ct => definition.Read(new ResourceReadContext { Uri = uri, Variables = variables, Caller = caller, MaxBytes = entry.MaxBytes }, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ReadFailure failure)
        {
            throw await RefuseAsync(record, failure.Result, failure.Code, McpErrorCode.InternalError, failure.Message, cancellationToken).ConfigureAwait(false);
        }

        var mimeType = content.MimeType ?? definition.MimeType;
        ResourceContents contents;
        if (content.Blob is { } blob)
        {
            if (blob.Length > entry.MaxBytes)
            {
                throw await RefuseAsync(record, AuditResults.Failure, BurlyErrorCodes.ToolFailed, McpErrorCode.InternalError,
                    $"The resource is {blob.Length} bytes; the policy allows {entry.MaxBytes} (raise 'max_bytes' under resources.{definition.Name}).", cancellationToken).ConfigureAwait(false);
            }

            record.OutputSize = blob.Length;
            record.OutputTruncated = false;
            contents = new BlobResourceContents { Uri = uri, MimeType = mimeType, Blob = Encoding.ASCII.GetBytes(Convert.ToBase64String(blob.Span)) };
        }
        else
        {
            var (text, truncated, _) = Utf8Truncation.HeadTail(content.Text ?? string.Empty, entry.MaxBytes);
            record.OutputSize = Encoding.UTF8.GetByteCount(text);
            record.OutputTruncated = truncated;
            contents = new TextResourceContents { Uri = uri, MimeType = mimeType, Text = text };
        }

        record.Result = AuditResults.Success;
        record.ExitCode = 0;
        record.ExecutionTimeMs = Elapsed(started);
        await audit.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        return new ReadResourceResult { Contents = [contents] };
    }

    public async ValueTask<GetPromptResult> GetPromptAsync(CallerContext caller, string name, IDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken)
    {
        var record = NewRecord(AuditEventTypes.PromptGet, caller);
        record.ToolName = name.Length <= 64 ? name : name[..64];
        var started = Stopwatch.GetTimestamp();
        if (!catalog.Prompts.TryGetValue(name, out var definition) || !policy.Current.Prompts.TryGetValue(name, out var entry))
        {
            throw await RefuseAsync(record, AuditResults.Invalid, BurlyErrorCodes.UnknownTool, McpErrorCode.InvalidParams,
                "Unknown prompt. Call prompts/list for the prompts you may use.", cancellationToken).ConfigureAwait(false);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? invalid = null;
        foreach (var (key, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            if (!definition.Arguments.Any(a => a.Name == key))
            {
                invalid ??= $"Unknown argument '{key}'. The prompt takes: {string.Join(", ", definition.Arguments.Select(a => a.Name))}.";
            }
            else if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length > entry.MaxBytes)
            {
                invalid ??= $"Argument '{key}' must be a string of at most {entry.MaxBytes} characters.";
            }
            else
            {
                values[key] = value.GetString()!;
            }
        }

        invalid ??= definition.Arguments.FirstOrDefault(a => a.Required && !values.ContainsKey(a.Name)) is { } missing
            ? $"Missing required argument '{missing.Name}'."
            : null;
        record.Arguments = ToAuditArguments(values);
        if (Authorize(caller, entry, "prompt") is { } reason)
        {
            throw await RefuseAsync(record, AuditResults.Denied, BurlyErrorCodes.Forbidden, McpErrorCode.InvalidRequest, reason, cancellationToken).ConfigureAwait(false);
        }

        if (invalid is not null)
        {
            throw await RefuseAsync(record, AuditResults.Invalid, BurlyErrorCodes.InvalidArguments, McpErrorCode.InvalidParams, invalid, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<PromptMessage> messages;
        try
        {
            messages = await RunAsync(name, ct => definition.Get(new PromptContext { Arguments = values, Caller = caller }, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ReadFailure failure)
        {
            throw await RefuseAsync(record, failure.Result, failure.Code, McpErrorCode.InternalError, failure.Message, cancellationToken).ConfigureAwait(false);
        }

        var result = new GetPromptResult { Description = definition.Description, Messages = messages.ToList() };
        var size = JsonSerializer.SerializeToUtf8Bytes(result, McpJsonUtilities.DefaultOptions).Length;
        if (size > entry.MaxBytes)
        {
            throw await RefuseAsync(record, AuditResults.Failure, BurlyErrorCodes.ToolFailed, McpErrorCode.InternalError,
                $"The prompt is {size} bytes; the policy allows {entry.MaxBytes} (raise 'max_bytes' under prompts.{name}).", cancellationToken).ConfigureAwait(false);
        }

        record.Result = AuditResults.Success;
        record.ExitCode = 0;
        record.OutputSize = size;
        record.OutputTruncated = false;
        record.ExecutionTimeMs = Elapsed(started);
        await audit.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Completion values for a prompt argument or template variable; empty when the caller may not use it or the pack offers none.</summary>
    public async ValueTask<CompleteResult> CompleteAsync(CallerContext caller, Reference reference, Argument argument, IDictionary<string, string>? context, CancellationToken cancellationToken)
    {
        Func<CompletionRequest, CancellationToken, ValueTask<IReadOnlyList<string>>>? complete = null;
        var document = policy.Current;
        switch (reference)
        {
            case PromptReference prompt when catalog.Prompts.TryGetValue(prompt.Name, out var definition)
                && document.Prompts.TryGetValue(definition.Name, out var entry) && Authorize(caller, entry, "prompt") is null:
                complete = definition.Complete;
                break;
            case ResourceTemplateReference template when catalog.Resources.FirstOrDefault(r => r.Definition.Uri == template.Uri).Definition is { } definition
                && document.Resources.TryGetValue(definition.Name, out var entry) && Authorize(caller, entry, "resource") is null:
                complete = definition.Complete;
                break;
        }

        IReadOnlyList<string> values = [];
        if (complete is not null)
        {
            try
            {
                values = await RunAsync("completion", ct => complete(new CompletionRequest
                {
                    ArgumentName = argument.Name,
                    Value = argument.Value ?? string.Empty,
                    OtherArguments = context is null ? new Dictionary<string, string>() : new Dictionary<string, string>(context),
                    Caller = caller,
                }, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (ReadFailure failure)
            {
                LogCompletionFailed(failure.Code, failure.Message);
            }
        }

        return new CompleteResult
        {
            Completion = new Completion
            {
                Values = values.Take(CompletionRequest.MaxValues).ToList(),
                Total = values.Count,
                HasMore = values.Count > CompletionRequest.MaxValues,
            },
        };
    }

    private async ValueTask<T> RunAsync<T>(string name, Func<CancellationToken, ValueTask<T>> run, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(policy.Current.Settings.DefaultTimeoutSec);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await run(cts.Token).ConfigureAwait(false);
        }
        catch (ToolException ex)
        {
            throw new ReadFailure(AuditResults.Failure, ex.Code, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ReadFailure(AuditResults.Timeout, BurlyErrorCodes.Timeout, $"'{name}' did not answer within {timeout.TotalSeconds:0} s (the policy's default_timeout_sec).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPackFailed(name, ex);
            throw new ReadFailure(AuditResults.Failure, BurlyErrorCodes.ToolFailed, $"'{name}' failed ({ex.GetType().Name}); see the server log.");
        }
    }

    private async ValueTask<McpProtocolException> RefuseAsync(AuditRecord record, string result, string code, McpErrorCode rpcCode, string message, CancellationToken cancellationToken)
    {
        record.Result = result;
        record.ErrorCode = code;
        record.Error = message;
        record.ExitCode = 1;
        await audit.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        return new McpProtocolException($"{message} ({code})", rpcCode);
    }

    private AuditRecord NewRecord(string eventType, CallerContext caller) => new()
    {
        Timestamp = time.GetUtcNow(),
        EventType = eventType,
        RequestId = Guid.NewGuid().ToString("N"),
        SessionId = caller.SessionId,
        Transport = caller.Transport,
        UserId = caller.UserId,
        ClientName = caller.ClientName,
        ClientVersion = caller.ClientVersion,
        MutatesSystem = false,
    };

    private JsonNode? ToAuditArguments(IReadOnlyDictionary<string, string> values)
    {
        if (options.Value.Audit.Arguments == "hash_only")
        {
            return null;
        }

        var element = JsonSerializer.SerializeToElement(values, ReadJsonContext.Default.IReadOnlyDictionaryStringString);
        return AuditRedactor.Redact(element, policy.Current.Settings, options.Value.Audit);
    }

    private double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Error, Message = "Resource/prompt pack handler '{Name}' failed")]
    private partial void LogPackFailed(string name, Exception exception);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "Completion failed ({Code}): {Reason}")]
    private partial void LogCompletionFailed(string code, string reason);

    private sealed class ReadFailure(string result, string code, string message) : Exception(message)
    {
        public string Result { get; } = result;

        public string Code { get; } = code;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class ReadJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
