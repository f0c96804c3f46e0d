using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Burly.Audit;
using System.Text.RegularExpressions;
using Burly.Configuration;
using Microsoft.Extensions.Options;

namespace Burly.Confirmation;

/// <summary>
/// Pending and decided approvals, one JSON file each under <c>&lt;data&gt;/approvals</c>, so they survive a restart
/// and the <c>burly approvals</c> CLI (another process) can decide them. Writes are temp-file + rename; consuming
/// an approval is an atomic rename, so an approval is used at most once even with concurrent calls.
/// </summary>
public sealed partial class ApprovalStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly IAuditLog? _audit;
    private readonly int _maxPendingPerCaller;
    private readonly int _maxPending;
    private readonly ConcurrentDictionary<string, Approval> _index = new(StringComparer.Ordinal);
    private readonly Lock _createLock = new();
    private bool _indexLoaded;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options (data directory, TTL).</param>
    /// <param name="time">The time provider.</param>
    /// <param name="audit">The audit log decisions are written to (optional outside a host).</param>
    public ApprovalStore(IOptions<BurlyOptions> options, TimeProvider time, IAuditLog? audit = null)
    {
        _audit = audit;
        ArgumentNullException.ThrowIfNull(options);
        _directory = Path.Combine(options.Value.ResolveDataDirectory(), "approvals");
        _ttl = TimeSpan.FromSeconds(options.Value.Confirmation.TtlSeconds);
        _maxPendingPerCaller = Math.Max(1, options.Value.Confirmation.MaxPendingPerCaller);
        _maxPending = Math.Max(_maxPendingPerCaller, options.Value.Confirmation.MaxPending);
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Tells whether a text has the shape of an approval id.</summary>
    /// <param name="value">The text.</param>
    /// <returns><see langword="true"/> for <c>apr_</c> + 16 hex digits.</returns>
    public static bool IsApprovalId(string? value) => value is not null && IdPattern().IsMatch(value);

    /// <summary>
    /// Creates a pending approval, or returns the caller's pending one for the same tool and arguments. Pending approvals
    /// are indexed in memory (no directory scan per call) and capped per caller and in total.
    /// </summary>
    /// <param name="tool">The tool.</param>
    /// <param name="argsHash">The argument hash.</param>
    /// <param name="operation">What will change.</param>
    /// <param name="requestedBy">The caller.</param>
    /// <returns>The approval.</returns>
    /// <exception cref="ApprovalLimitException">The caller or the server has too many pending approvals.</exception>
    public Approval Create(string tool, string argsHash, string operation, string requestedBy)
    {
        lock (_createLock)
        {
            var now = _time.GetUtcNow();
            Directory.CreateDirectory(_directory);
            EnsureIndexLoaded();
            if (now - _lastPrune > TimeSpan.FromMinutes(1))
            {
                _lastPrune = now;
                PruneExpired(now);
            }

            var existing = LivePending(now).FirstOrDefault(a => a.RequestedBy == requestedBy && a.Tool == tool && a.ArgsHash == argsHash);
            if (existing is not null)
            {
                return existing;
            }

            if (LivePending(now).Count(a => a.RequestedBy == requestedBy) >= _maxPendingPerCaller)
            {
                throw new ApprovalLimitException($"'{requestedBy}' already has {_maxPendingPerCaller} pending approvals (Burly:Confirmation:MaxPendingPerCaller). Wait until an operator decides them or they expire (TTL {(int)_ttl.TotalSeconds} s).");
            }

            if (LivePending(now).Count() >= _maxPending)
            {
                throw new ApprovalLimitException($"The server already has {_maxPending} pending approvals (Burly:Confirmation:MaxPending). Wait until an operator decides them or they expire (TTL {(int)_ttl.TotalSeconds} s).");
            }

            var approval = new Approval
            {
                Id = "apr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                Tool = tool,
                ArgsHash = argsHash,
                Operation = operation,
                RequestedBy = requestedBy,
                CreatedAt = now,
                ExpiresAt = now + _ttl,
            };
            Write(approval);
            _index[approval.Id] = approval;
            return approval;
        }
    }

    /// <summary>The pending, unexpired approvals of the index; entries another process (the CLI) decided are refreshed from their one file.</summary>
    private IEnumerable<Approval> LivePending(DateTimeOffset now)
    {
        foreach (var (id, approval) in _index)
        {
            if (approval.ExpiresAt <= now)
            {
                _index.TryRemove(id, out _);
                continue;
            }

            yield return approval;
        }
    }

    private void EnsureIndexLoaded()
    {
        if (_indexLoaded)
        {
            return;
        }

        _indexLoaded = true;
        if (Directory.Exists(_directory))
        {
            foreach (var a in Directory.EnumerateFiles(_directory, "apr_*.json").Select(Read))
            {
                if (a is { Status: ApprovalStatus.Pending })
                {
                    _index[a.Id] = a;
                }
            }
        }
    }

    /// <summary>Forgets an indexed approval that is no longer pending (decided here, or found decided on disk).</summary>
    private void Unindex(string id) => _index.TryRemove(id, out _);

    /// <summary>Returns an approval, or <see langword="null"/>.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The approval.</returns>
    public Approval? Find(string id) => IsApprovalId(id) ? Read(PathOf(id)) : null;

    /// <summary>Lists approvals that are still pending and not expired.</summary>
    /// <returns>The approvals, oldest first.</returns>
    public IReadOnlyList<Approval> ListPending() => ListPending(0, int.MaxValue).Items;

    /// <summary>Lists one page of the approvals that are still pending and not expired.</summary>
    /// <param name="offset">How many to skip (oldest first).</param>
    /// <param name="limit">How many to return at most.</param>
    /// <returns>The page and the total number pending.</returns>
    public (IReadOnlyList<Approval> Items, int Total) ListPending(int offset, int limit)
    {
        if (!Directory.Exists(_directory))
        {
            return ([], 0);
        }

        var now = _time.GetUtcNow();
        var all = Directory.EnumerateFiles(_directory, "apr_*.json")
            .Select(Read)
            .Where(a => a is { Status: ApprovalStatus.Pending } && a.ExpiresAt > now)
            .Cast<Approval>()
            .OrderBy(a => a.CreatedAt)
            .ToList();
        return (all.Skip(Math.Max(0, offset)).Take(Math.Max(0, limit)).ToList(), all.Count);
    }

    /// <summary>Approves or rejects a pending approval, and audits the decision (<c>event_type: approval</c>).</summary>
    /// <param name="id">The id.</param>
    /// <param name="approve">Approve (else reject).</param>
    /// <param name="decidedBy">Who decides (<c>local:USER</c>, <c>apikey:NAME</c>).</param>
    /// <param name="transport">Where the decision came from (<c>cli</c>, <c>http</c>).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The outcome and, when it failed, why.</returns>
    public async Task<(ApprovalDecision Decision, string? Problem)> DecideAsync(string id, bool approve, string decidedBy, string transport, CancellationToken cancellationToken = default)
    {
        var approval = Find(id);
        (ApprovalDecision, string?) result;
        if (approval is null)
        {
            result = (ApprovalDecision.NotFound, $"No approval '{id}'.");
        }
        else if (approval.Status != ApprovalStatus.Pending)
        {
            result = (ApprovalDecision.NotPending, $"Approval '{id}' is already {approval.Status}.");
        }
        else if (IsSelfApproval(approval.RequestedBy, decidedBy))
        {
            result = (ApprovalDecision.SelfApproval, $"'{decidedBy}' requested approval '{id}' and cannot decide it too (separation of duty). Another admin key, or an operator with `burly approvals approve {id}` on the server, must decide it.");
        }
        else if (approval.ExpiresAt <= _time.GetUtcNow())
        {
            result = (ApprovalDecision.NotPending, $"Approval '{id}' expired at {approval.ExpiresAt:u}; the caller must ask again.");
        }
        else
        {
            Write(approval with { Status = approve ? ApprovalStatus.Approved : ApprovalStatus.Rejected, DecidedBy = decidedBy, DecidedAt = _time.GetUtcNow() });
            Unindex(approval.Id);
            result = (ApprovalDecision.Done, null);
        }

        if (_audit is not null && approval is not null)
        {
            try
            {
                await _audit.AppendAsync(new AuditRecord
                {
                    Timestamp = _time.GetUtcNow(),
                    EventType = AuditEventTypes.Approval,
                    Transport = transport,
                    UserId = decidedBy,
                    ToolName = approval.Tool,
                    ArgsHash = approval.ArgsHash,
                    Result = result.Item1 == ApprovalDecision.Done ? (approve ? AuditResults.Success : AuditResults.Denied) : AuditResults.Invalid,
                    Error = result.Item2,
                    MutatesSystem = true,
                    RequiresConfirmation = true,
                    Details = new JsonObject
                    {
                        ["approval_id"] = approval.Id,
                        ["decision"] = approve ? "approve" : "reject",
                        ["requested_by"] = approval.RequestedBy,
                        ["operation"] = approval.Operation,
                    },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (AuditWriteException)
            {
                // Logged and counted by the audit log.
            }
        }

        return result;
    }

    /// <summary>Uses an approval for a call: it must be approved, unexpired, unused, for this tool, these arguments and the caller who asked.</summary>
    /// <param name="id">The id passed as <c>_confirm</c>.</param>
    /// <param name="tool">The tool being called.</param>
    /// <param name="argsHash">The hash of the arguments being called with.</param>
    /// <param name="caller">The caller presenting it; must be the caller who requested it.</param>
    /// <returns>The outcome and, when not usable, why.</returns>
    public (ApprovalUse Use, string? Reason) TryConsume(string id, string tool, string argsHash, string caller)
    {
        var path = PathOf(id);
        var approval = IsApprovalId(id) ? Read(path) : null;
        if (approval is null)
        {
            return (ApprovalUse.Invalid, $"no approval '{id}'");
        }

        if (approval.Tool != tool || approval.ArgsHash != argsHash)
        {
            return (ApprovalUse.Invalid, "the approval was given for another tool or other arguments");
        }

        if (!string.Equals(approval.RequestedBy, caller, StringComparison.Ordinal))
        {
            return (ApprovalUse.Invalid, "the approval belongs to another caller (only the caller who asked can use it)");
        }

        if (approval.ExpiresAt <= _time.GetUtcNow())
        {
            return (ApprovalUse.Invalid, "the approval expired");
        }

        switch (approval.Status)
        {
            case ApprovalStatus.Pending:
                return (ApprovalUse.Pending, "the approval is still pending");
            case ApprovalStatus.Rejected:
                return (ApprovalUse.Rejected, $"the approval was rejected by {approval.DecidedBy}");
            case ApprovalStatus.Used:
                return (ApprovalUse.Invalid, "the approval was already used");
        }

        // Claim it atomically: only one caller can move the file away.
        var claimed = path + ".claim-" + Guid.NewGuid().ToString("N");
        try
        {
            File.Move(path, claimed);
        }
        catch (FileNotFoundException)
        {
            return (ApprovalUse.Invalid, "the approval was already used");
        }

        var used = approval with { Status = ApprovalStatus.Used };
        File.WriteAllText(claimed, JsonSerializer.Serialize(used, Json));
        File.Move(claimed, path, overwrite: true);
        Unindex(id);
        return (ApprovalUse.Approved, null);
    }

    /// <summary>
    /// Separation of duty: the identity that asked may not decide. A local operator at the server's terminal
    /// (<c>local:…</c>) is the person the approval is for, so only remote identities (API keys, anonymous) are held to it.
    /// </summary>
    private static bool IsSelfApproval(string requestedBy, string decidedBy) =>
        string.Equals(requestedBy, decidedBy, StringComparison.Ordinal) && !decidedBy.StartsWith("local:", StringComparison.Ordinal);

    private string PathOf(string id) => Path.Combine(_directory, id + ".json");

    private void Write(Approval approval)
    {
        var path = PathOf(approval.Id);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, JsonSerializer.Serialize(approval, Json));
        File.Move(temp, path, overwrite: true);
    }

    private static Approval? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Approval>(File.ReadAllText(path), Json);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void PruneExpired(DateTimeOffset now)
    {
        foreach (var file in Directory.EnumerateFiles(_directory, "apr_*.json"))
        {
            if (Read(file) is { } a && a.ExpiresAt.AddDays(1) < now)
            {
                File.Delete(file);
                Unindex(a.Id);
            }
        }
    }

    [GeneratedRegex("^apr_[0-9a-f]{16}$")]
    private static partial Regex IdPattern();
}

/// <summary>What happened to a decision on an approval.</summary>
public enum ApprovalDecision
{
    /// <summary>Recorded.</summary>
    Done,

    /// <summary>No such approval.</summary>
    NotFound,

    /// <summary>Already decided, used or expired.</summary>
    NotPending,

    /// <summary>The identity that requested the approval tried to decide it (separation of duty).</summary>
    SelfApproval,
}

/// <summary>Thrown when a caller or the server has too many pending approvals.</summary>
public sealed class ApprovalLimitException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public ApprovalLimitException()
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What was exceeded and what to do.</param>
    public ApprovalLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What was exceeded and what to do.</param>
    /// <param name="inner">The cause.</param>
    public ApprovalLimitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>What happened when an approval was presented.</summary>
public enum ApprovalUse
{
    /// <summary>Approved and now used.</summary>
    Approved,

    /// <summary>Not decided yet.</summary>
    Pending,

    /// <summary>Rejected by a person.</summary>
    Rejected,

    /// <summary>Unknown, expired, used, or for another call.</summary>
    Invalid,
}
