using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Burly.Audit;
using Burly.Configuration;
using Burly.Hosting;
using Burly.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Burly.Policy;

/// <summary>
/// Reloads the policy when <c>POLICY_FILE</c> or a file in <c>POLICY_DIR</c> changes (debounced) or the process
/// gets <c>SIGHUP</c>. The new policy is validated first: valid → swapped in atomically (the MCP tool list follows
/// and stateful sessions get <c>notifications/tools/list_changed</c>); invalid → the old policy stays and every
/// problem is logged. Both outcomes are audited (<c>event_type: policy_reload</c>) and counted
/// (<c>burly_mcp_policy_reloads_total{result}</c>).
/// </summary>
internal sealed partial class PolicyReloadService : BackgroundService
{
    /// <summary>How long the files must stay quiet before a change is loaded (editors write in several steps).</summary>
    internal static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private readonly PolicyStore _store;
    private readonly IAuditLog _audit;
    private readonly BurlyMetrics _metrics;
    private readonly PolicyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PolicyReloadService> _logger;
    private readonly string? _transport;
    private readonly Channel<string> _triggers = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly List<FileSystemWatcher> _watchers = [];
    private PosixSignalRegistration? _sighup;

    public PolicyReloadService(PolicyStore store, IAuditLog audit, BurlyMetrics metrics, IOptions<BurlyOptions> options, TimeProvider time, ILogger<PolicyReloadService> logger, BurlyMcpTransport? transport = null)
    {
        _store = store;
        _audit = audit;
        _metrics = metrics;
        _options = options.Value.Policy;
        _time = time;
        _logger = logger;
        _transport = transport?.Name;
    }

    /// <summary>Gets how many reloads have completed (any result); for tests and diagnostics.</summary>
    public int CompletedReloads { get; private set; }

    /// <summary>Raised after each reload attempt.</summary>
    public event EventHandler<PolicyReloadResult>? Reloaded;

    /// <summary>Asks for a reload (as a file change or SIGHUP does); it runs after the debounce interval.</summary>
    /// <param name="trigger">What asked for it (for the log and audit).</param>
    public void RequestReload(string trigger) => _triggers.Writer.TryWrite(trigger);

    /// <summary>Loads, validates and swaps in the policy now.</summary>
    /// <param name="trigger">What asked for it.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The outcome.</returns>
    public async Task<PolicyReloadResult> ReloadAsync(string trigger, CancellationToken cancellationToken = default)
    {
        await _reloadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = _store.Current;
            PolicyReloadResult result;
            try
            {
                var document = _store.LoadFromSources();
                if (string.Equals(document.Fingerprint, previous.Fingerprint, StringComparison.Ordinal))
                {
                    result = new PolicyReloadResult("unchanged", previous.Fingerprint, []);
                    LogUnchanged(_logger, trigger);
                }
                else
                {
                    _store.Swap(document);
                    result = new PolicyReloadResult("success", document.Fingerprint, []);
                    LogReloaded(_logger, trigger, document.Tools.Count, document.Fingerprint);
                }
            }
            catch (PolicyValidationException ex)
            {
                result = new PolicyReloadResult("failure", previous.Fingerprint, ex.Problems);
                LogRejected(_logger, trigger, ex.Problems.Count);
                foreach (var problem in ex.Problems)
                {
                    LogProblem(_logger, problem.ToString());
                }
            }

            _metrics.PolicyReloads.Add(1, new KeyValuePair<string, object?>(BurlyMetricTags.Result, result.Result));
            await AuditAsync(trigger, previous, result).ConfigureAwait(false);
            CompletedReloads++;
            Reloaded?.Invoke(this, result);
            return result;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Watch)
        {
            Watch();
        }

        try
        {
            _sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true; // SIGHUP reloads; it does not stop the server.
                RequestReload("SIGHUP");
            });
        }
        catch (PlatformNotSupportedException)
        {
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _triggers.Writer.TryComplete();
        DisposeWatchers();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        DisposeWatchers();
        _reloadGate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _triggers.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var triggers = new SortedSet<string>(StringComparer.Ordinal);
                while (reader.TryRead(out var t))
                {
                    triggers.Add(t);
                }

                // Debounce: keep collecting until the files have been quiet for a moment.
                while (true)
                {
                    await Task.Delay(Debounce, _time, stoppingToken).ConfigureAwait(false);
                    var more = false;
                    while (reader.TryRead(out var t))
                    {
                        triggers.Add(t);
                        more = true;
                    }

                    if (!more)
                    {
                        break;
                    }
                }

                try
                {
                    await ReloadAsync(string.Join(", ", triggers), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReloadCrashed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Watch()
    {
        if (!string.IsNullOrWhiteSpace(_options.File))
        {
            var full = Path.GetFullPath(_options.File);
            var directory = Path.GetDirectoryName(full);
            if (directory is not null && Directory.Exists(directory))
            {
                // Watch the directory, not the file: editors and ConfigMaps replace files by rename.
                AddWatcher(directory, Path.GetFileName(full), "file change");
            }
        }

        if (!string.IsNullOrWhiteSpace(_options.Directory) && Directory.Exists(_options.Directory))
        {
            AddWatcher(Path.GetFullPath(_options.Directory), "*", "directory change");
        }
    }

    private void AddWatcher(string directory, string filter, string trigger)
    {
        var watcher = new FileSystemWatcher(directory, filter)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
        };
        FileSystemEventHandler onChange = (_, e) =>
        {
            if (filter != "*" || IsPolicyFile(e.Name))
            {
                RequestReload(trigger);
            }
        };
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, e) =>
        {
            if (filter != "*" || IsPolicyFile(e.Name) || IsPolicyFile(e.OldName))
            {
                RequestReload(trigger);
            }
        };
        watcher.Error += (_, e) => LogWatcherError(_logger, e.GetException());
        watcher.EnableRaisingEvents = true;
        lock (_watchers)
        {
            _watchers.Add(watcher);
        }
    }

    private static bool IsPolicyFile(string? name) =>
        name is not null && (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));

    // Stop and Dispose may run concurrently (WebApplicationFactory stops the host from two threads): take the
    // watchers out under a lock so each is disposed exactly once.
    private void DisposeWatchers()
    {
        FileSystemWatcher[] watchers;
        PosixSignalRegistration? sighup;
        lock (_watchers)
        {
            watchers = [.. _watchers];
            _watchers.Clear();
            sighup = _sighup;
            _sighup = null;
        }

        foreach (var w in watchers)
        {
            w.Dispose();
        }

        sighup?.Dispose();
    }

    private async Task AuditAsync(string trigger, PolicyDocument previous, PolicyReloadResult result)
    {
        var details = new JsonObject
        {
            ["result"] = result.Result,
            ["trigger"] = trigger,
            ["problems"] = result.Problems.Count,
            ["fingerprint"] = result.Fingerprint,
            ["previous_fingerprint"] = previous.Fingerprint,
        };
        if (result.Problems.Count > 0)
        {
            details["problem_messages"] = new JsonArray(result.Problems.Take(20).Select(p => (JsonNode?)p.ToString()).ToArray());
        }

        try
        {
            await _audit.AppendAsync(new AuditRecord
            {
                Timestamp = _time.GetUtcNow(),
                EventType = AuditEventTypes.PolicyReload,
                Transport = _transport,
                UserId = "system",
                Result = result.Result == "failure" ? AuditResults.Failure : AuditResults.Success,
                Error = result.Result == "failure" ? $"policy rejected: {result.Problems.Count} problem(s); the previous policy stays in force" : null,
                Details = details,
            }).ConfigureAwait(false);
        }
        catch (AuditWriteException)
        {
            // Logged and counted by the audit log.
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Policy reloaded ({Trigger}): {Tools} tools, fingerprint {Fingerprint}.")]
    private static partial void LogReloaded(ILogger logger, string trigger, int tools, string fingerprint);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Policy reload ({Trigger}) rejected with {Count} problem(s); the previous policy stays in force.")]
    private static partial void LogRejected(ILogger logger, string trigger, int count);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "  policy problem: {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Policy reload ({Trigger}): nothing changed.")]
    private static partial void LogUnchanged(ILogger logger, string trigger);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "The policy file watcher failed; send SIGHUP to reload.")]
    private static partial void LogWatcherError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "The policy reload failed unexpectedly.")]
    private static partial void LogReloadCrashed(ILogger logger, Exception exception);
}
