using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Burly.Pipeline;
using Burly.Policy;
using Burly.Resources;
using Burly.ToolPacks;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Hosting;

/// <summary>
/// Sends <c>notifications/{tools,resources,prompts}/list_changed</c> only to the sessions whose own (per caller) list a
/// policy reload changed. Every reload raises the SDK collections' <c>Changed</c> (so the SDK's per-session delivery,
/// including 2026-07-28 <c>subscriptions/listen</c> streams, stays in charge); this outgoing message filter then compares,
/// for that session's caller, the list it saw under the policy it last checked with the list under the policy in force,
/// and drops the notification when they are equal.
/// </summary>
/// <remarks>
/// A session is known from its first request (the caller is fixed for a session: stdio's local user, an HTTP session's
/// API key). Stateless HTTP has no sessions and no list_changed; nothing is tracked there. The SDK does not tell a
/// message filter when an HTTP session ends, so sessions quiet for longer than <see cref="IdleLimit"/> are forgotten
/// (amortised, as new sessions arrive); a forgotten session that is still open gets every list_changed again (the
/// SDK's own behaviour) until its next request, never fewer than it should.
/// </remarks>
internal sealed class McpListChangedFilter : IConfigureOptions<McpServerOptions>
{
    private const int PruneThreshold = 1024;

    [ThreadStatic]
    private static bool t_policyReload;

    private readonly IPolicyProvider _policy;
    private readonly IToolCatalog _catalog;
    private readonly IToolAuthorizer _authorizer;
    private readonly ReadPipeline _reads;
    private readonly IMcpCallerResolver _callers;
    private readonly bool _stdio;
    private readonly TimeProvider _time;

    /// <summary>Collection changes not made for a policy reload, per list kind (a host's own primitives).</summary>
    private readonly long[] _foreign = new long[3];
    private readonly ConcurrentDictionary<string, SessionViews> _sessions = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<PolicyDocument, IReadOnlyDictionary<string, string>> _toolJson = [];
    private readonly ConditionalWeakTable<McpServerResourceCollection, object?> _resourceCollections = [];
    private readonly ConditionalWeakTable<NotifyingPrimitiveCollection<McpServerPrompt>, object?> _promptCollections = [];
    private int _nextPrune = PruneThreshold;

    public McpListChangedFilter(IPolicyProvider policy, IToolCatalog catalog, IToolAuthorizer authorizer, ReadPipeline reads, IMcpCallerResolver callers, BurlyMcpTransport transport, TimeProvider time)
    {
        _time = time;
        _policy = policy;
        _catalog = catalog;
        _authorizer = authorizer;
        _reads = reads;
        _callers = callers;
        _stdio = transport.Name == BurlyTransports.Stdio;
        _policy.Changed += (_, _) => NotifyReadLists();
    }

    /// <summary>Gets how many sessions are tracked (for tests).</summary>
    internal int TrackedSessions => _sessions.Count;

    /// <summary>
    /// Marks the collection changes Burly makes for a policy reload on this thread; any other change (a host's own
    /// tools, prompts or resources) is sent to every session, as the SDK does.
    /// </summary>
    /// <returns>A scope that ends the marking.</returns>
    internal static OriginScope ForPolicyReload() => new(t_policyReload);

    public void Configure(McpServerOptions options)
    {
        if (_reads.HasResources)
        {
            // An empty SDK collection next to Burly's handlers: lists nothing itself, but carries list_changed.
            var resources = options.ResourceCollection ??= [];
            _resourceCollections.AddOrUpdate(resources, null);
        }

        if (_reads.HasPrompts)
        {
            var prompts = NotifyingPrimitiveCollection<McpServerPrompt>.From(options.PromptCollection);
            options.PromptCollection = prompts;
            _promptCollections.AddOrUpdate(prompts, null);
        }

        // Subscribed before any session's server exists, so this runs before the SDK's own handler sends.
        options.ToolCollection?.Changed += (_, _) => CountForeign(ListKind.Tools);
        options.ResourceCollection?.Changed += (_, _) => CountForeign(ListKind.Resources);
        options.PromptCollection?.Changed += (_, _) => CountForeign(ListKind.Prompts);

        options.Filters.Message.IncomingFilters.Add(next => (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcRequest request)
            {
                Track(context, request);
            }

            return next(context, cancellationToken);
        });
        options.Filters.Message.OutgoingFilters.Add(next => (context, cancellationToken) =>
            context.JsonRpcMessage is JsonRpcNotification { Method: var method } && KindOf(method) is { } kind && !ShouldSend(context.Server.SessionId, kind)
                ? Task.CompletedTask
                : next(context, cancellationToken));
    }

    /// <summary>Sessions with no request for this long may be forgotten (the SDK's default HTTP idle timeout).</summary>
    internal static readonly TimeSpan IdleLimit = TimeSpan.FromHours(2);

    private void CountForeign(ListKind kind)
    {
        if (!t_policyReload)
        {
            Interlocked.Increment(ref _foreign[(int)kind]);
        }
    }

    private string? KeyOf(string? sessionId) => sessionId ?? (_stdio ? string.Empty : null);

    private void Track(MessageContext context, JsonRpcRequest request)
    {
        if (KeyOf(context.Server.SessionId) is not { } key)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (_sessions.TryGetValue(key, out var known))
        {
            known.LastSeen = now;
            return;
        }

        if (_sessions.Count >= Volatile.Read(ref _nextPrune))
        {
            Prune(now);
        }

        var caller = _callers.Resolve(new RequestContext<CallToolRequestParams>(context.Server, request, new CallToolRequestParams { Name = string.Empty })
        {
            User = context.User,
            Services = context.Services,
        });
        _sessions.TryAdd(key, new SessionViews(caller, _policy.Current, _foreign) { LastSeen = now });
    }

    private void Prune(long now)
    {
        foreach (var (key, session) in _sessions)
        {
            if (_time.GetElapsedTime(session.LastSeen, now) > IdleLimit)
            {
                _sessions.TryRemove(key, out _);
            }
        }

        Volatile.Write(ref _nextPrune, Math.Max(PruneThreshold, _sessions.Count * 2));
    }

    /// <summary>Whether a list_changed of this kind goes to this session: its view under the policy in force differs from the last one it was checked with.</summary>
    private bool ShouldSend(string? sessionId, ListKind kind)
    {
        if (KeyOf(sessionId) is not { } key || !_sessions.TryGetValue(key, out var session))
        {
            return true; // Unknown session: never hold back a notification the SDK decided to send.
        }

        var current = _policy.Current;
        var foreign = Volatile.Read(ref _foreign[(int)kind]);
        lock (session)
        {
            ref var view = ref session.View(kind);
            if (ReferenceEquals(view.DecidedFor, current) && view.Foreign == foreign)
            {
                return view.Decision; // The same change delivered twice (several 2026-07-28 subscriptions): same answer.
            }

            view.Decision = view.Foreign != foreign || !SameView(kind, session.Caller, view.Seen, current);
            view.Seen = current;
            view.DecidedFor = current;
            view.Foreign = foreign;
            return view.Decision;
        }
    }

    private bool SameView(ListKind kind, CallerContext caller, PolicyDocument before, PolicyDocument after)
    {
        if (ReferenceEquals(before, after))
        {
            return true;
        }

        return kind switch
        {
            ListKind.Tools => ToolView(caller, before).SequenceEqual(ToolView(caller, after)),
            ListKind.Resources => _reads.VisibleResources(caller, before).Select(d => d.Name).SequenceEqual(_reads.VisibleResources(caller, after).Select(d => d.Name), StringComparer.Ordinal),
            _ => _reads.VisiblePrompts(caller, before).Select(d => d.Name).SequenceEqual(_reads.VisiblePrompts(caller, after).Select(d => d.Name), StringComparer.Ordinal),
        };
    }

    /// <summary>The caller's tools/list under a policy: each exposed tool's protocol definition as JSON, in policy order.</summary>
    private IEnumerable<string> ToolView(CallerContext caller, PolicyDocument document)
    {
        var json = _toolJson.GetValue(document, d => d.Tools.Values
            .Where(t => t.Implementation is not null || _catalog.Tools.ContainsKey(t.Name))
            .ToDictionary(
                t => t.Name,
                t => JsonSerializer.Serialize(new BurlyMcpTool(t, t.Implementation ?? _catalog.Tools[t.Name]).ProtocolTool, McpJsonUtilities.DefaultOptions),
                StringComparer.Ordinal));
        return document.Tools.Values.Where(t => json.ContainsKey(t.Name) && _authorizer.IsExposedTo(caller, t)).Select(t => json[t.Name]);
    }

    /// <summary>After a reload: let the SDK offer resources/prompts list_changed to every session (the filter keeps only real changes).</summary>
    private void NotifyReadLists()
    {
        using var origin = ForPolicyReload();
        foreach (var (resources, _) in _resourceCollections)
        {
            ResourceCollectionNotifier.NotifyChanged(resources);
        }

        foreach (var (prompts, _) in _promptCollections)
        {
            prompts.NotifyChanged();
        }
    }

    private static ListKind? KindOf(string method) => method switch
    {
        NotificationMethods.ToolListChangedNotification => ListKind.Tools,
        NotificationMethods.ResourceListChangedNotification => ListKind.Resources,
        NotificationMethods.PromptListChangedNotification => ListKind.Prompts,
        _ => null,
    };

    private enum ListKind
    {
        Tools,
        Resources,
        Prompts,
    }

    /// <summary>Ends a <see cref="ForPolicyReload"/> marking (restores the previous state: scopes nest).</summary>
    internal readonly struct OriginScope : IDisposable
    {
        private readonly bool _previous;

        public OriginScope(bool previous)
        {
            _previous = previous;
            t_policyReload = true;
        }

        public void Dispose() => t_policyReload = _previous;
    }

    private struct ListView
    {
        public PolicyDocument Seen;
        public long Foreign;
        public PolicyDocument? DecidedFor;
        public bool Decision;
    }

    private sealed class SessionViews(CallerContext caller, PolicyDocument initial, long[] foreign)
    {
        private ListView _tools = new() { Seen = initial, Foreign = Volatile.Read(ref foreign[(int)ListKind.Tools]) };
        private ListView _resources = new() { Seen = initial, Foreign = Volatile.Read(ref foreign[(int)ListKind.Resources]) };
        private ListView _prompts = new() { Seen = initial, Foreign = Volatile.Read(ref foreign[(int)ListKind.Prompts]) };

        public CallerContext Caller { get; } = caller;

        public long LastSeen { get; set; }

        public ref ListView View(ListKind kind)
        {
            if (kind == ListKind.Tools)
            {
                return ref _tools;
            }

            if (kind == ListKind.Resources)
            {
                return ref _resources;
            }

            return ref _prompts;
        }
    }
}
