using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Configuration;
using Microsoft.Extensions.Configuration;

namespace Burly.Host.Stdio.Commands;

/// <summary><c>burly audit tail|query|stats|verify|report</c>: read the audit log across its rotated files.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var audit = new Command("audit", "Read, search and verify the audit log (across rotated and compressed files).");
        var file = new Option<string?>("--file") { Description = "Audit file to read (default: AUDIT_LOG_PATH / the configured path). Its rotated files .1, .2 … are read too.", Recursive = true };
        audit.Options.Add(file);

        var lines = new Option<int>("--lines", "-n") { Description = "How many records to print.", DefaultValueFactory = _ => 10 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new records as they are written (Ctrl-C to stop)." };
        var tail = new Command("tail", "Print the last records (JSON Lines).") { lines, follow };
        tail.SetAction((pr, ct) => TailAsync(pr.GetValue(file), pr.GetValue(lines), pr.GetValue(follow), ct));
        audit.Subcommands.Add(tail);

        var tool = new Option<string?>("--tool") { Description = "Only this tool_name." };
        var user = new Option<string?>("--user") { Description = "Only this user_id (e.g. apikey:ops, local:alice)." };
        var result = new Option<string?>("--result") { Description = "Only this result (success, failure, need_confirm, denied, invalid, timeout, busy)." };
        var eventType = new Option<string?>("--event-type") { Description = "Only this event_type (tool_call, security_violation, auth_failure, rate_limited, policy_reload, server_start, server_stop)." };
        var since = new Option<string?>("--since") { Description = "Only records since a time: 30m, 24h, 7d, 2w or ISO-8601." };
        var limit = new Option<int?>("--limit") { Description = "Print at most this many (the newest)." };
        var query = new Command("query", "Print the records that match every filter (JSON Lines, for jq).") { tool, user, result, eventType, since, limit };
        query.SetAction((pr, _) => Task.FromResult(Query(pr.GetValue(file), new FilterText(pr.GetValue(tool), pr.GetValue(user), pr.GetValue(result), pr.GetValue(eventType), pr.GetValue(since)), pr.GetValue(limit))));
        audit.Subcommands.Add(query);

        var statsJson = new Option<bool>("--json") { Description = "Print JSON." };
        var stats = new Command("stats", "Counts by event type, result and tool; files, sizes and time range.") { statsJson };
        stats.SetAction((pr, _) => Task.FromResult(Stats(pr.GetValue(file), pr.GetValue(statsJson))));
        audit.Subcommands.Add(stats);

        var verifyJson = new Option<bool>("--json") { Description = "Print JSON." };
        var verify = new Command("verify", "Check the hash chain across all files; name the first bad seq (exit 1) or print 'audit chain valid' (exit 0).") { verifyJson };
        verify.SetAction((pr, _) => Task.FromResult(Verify(pr.GetValue(file), pr.GetValue(verifyJson))));
        audit.Subcommands.Add(verify);

        var reportSince = new Option<string?>("--since") { Description = "Report period: 24h (default), 7d, 30d or ISO-8601; 'all' for every record.", DefaultValueFactory = _ => "24h" };
        var reportJson = new Option<bool>("--json") { Description = "Print JSON." };
        var report = new Command("report", "Compliance report: calls by result, tool and user; failures; confirmations; mutations; security events.") { reportSince, reportJson };
        report.SetAction((pr, _) => Task.FromResult(Report(pr.GetValue(file), pr.GetValue(reportSince), pr.GetValue(reportJson))));
        audit.Subcommands.Add(report);
        return audit;
    }

    internal sealed record FilterText(string? Tool, string? User, string? Result, string? EventType, string? Since);

    private static string? ResolvePath(string? file)
    {
        if (!string.IsNullOrWhiteSpace(file))
        {
            return Path.GetFullPath(file);
        }

        var options = new BurlyOptions();
        try
        {
            BurlyHostFactory.BuildConfiguration().GetSection(BurlyOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException)
        {
            Console.Error.WriteLine("burly: the configuration has invalid values; run `burly config validate`, or pass --file.");
            return null;
        }

        if (!options.Audit.Enabled && string.IsNullOrWhiteSpace(options.Audit.Path))
        {
            Console.Error.WriteLine("burly: auditing is disabled (AUDIT_ENABLED=false) and no --file was given.");
            return null;
        }

        return options.Audit.ResolvePath(options);
    }

    private static bool Exists(string path)
    {
        if (AuditFiles.ListInChainOrder(path).Count > 0)
        {
            return true;
        }

        Console.Error.WriteLine($"burly: no audit log at {path} (nothing has been audited yet, or AUDIT_LOG_PATH points elsewhere).");
        return false;
    }

    private static void ReportTorn(AuditReader reader)
    {
        if (reader.TornLastLine is { } torn)
        {
            Console.Error.WriteLine($"burly: ignored a torn last line ({torn.File}:{torn.LineNumber}, {Encoding.UTF8.GetByteCount(torn.Text)} bytes) left by a crash; the server cuts it off when it next opens the log.");
        }
    }

    private static async Task<int> TailAsync(string? file, int count, bool follow, CancellationToken cancellationToken)
    {
        var path = ResolvePath(file);
        if (path is null)
        {
            return 1;
        }

        if (!follow && !Exists(path))
        {
            return 1;
        }

        var reader = new AuditReader(path);
        var last = new Queue<string>();
        try
        {
            foreach (var (line, _) in reader.ReadRecords())
            {
                last.Enqueue(line.Text);
                if (last.Count > Math.Max(0, count))
                {
                    last.Dequeue();
                }
            }
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine("burly: " + ex.Message);
            return 1;
        }

        foreach (var line in last)
        {
            await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        ReportTorn(reader);
        if (!follow)
        {
            return 0;
        }

        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await FollowAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Prints complete lines appended to the active file; starts over when it is rotated or truncated.</summary>
    private static async Task<int> FollowAsync(string path, CancellationToken cancellationToken)
    {
        long position = File.Exists(path) ? new FileInfo(path).Length : 0;
        var pending = new List<byte>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
                if (!File.Exists(path))
                {
                    continue;
                }

                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                if (stream.Length < position)
                {
                    position = 0; // rotated or truncated: the new file starts at 0
                    pending.Clear();
                }

                if (stream.Length == position)
                {
                    continue;
                }

                stream.Seek(position, SeekOrigin.Begin);
                var buffer = new byte[stream.Length - position];
                var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                position += read;
                for (var i = 0; i < read; i++)
                {
                    var b = buffer[i];
                    if (b == (byte)'\n')
                    {
                        await Console.Out.WriteLineAsync(Encoding.UTF8.GetString(pending.ToArray())).ConfigureAwait(false);
                        pending.Clear();
                    }
                    else
                    {
                        pending.Add(b);
                    }
                }

                await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    internal static int Query(string? file, FilterText text, int? limit)
    {
        var path = ResolvePath(file);
        if (path is null || !Exists(path))
        {
            return 1;
        }

        if (!TryBuildFilter(text, out var filter))
        {
            return 2;
        }

        var reader = new AuditReader(path);
        var matches = new Queue<string>();
        try
        {
            foreach (var (line, record) in reader.ReadRecords())
            {
                if (filter.Matches(record))
                {
                    matches.Enqueue(line.Text);
                    if (limit is { } l && matches.Count > Math.Max(0, l))
                    {
                        matches.Dequeue();
                    }
                }
            }
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine("burly: " + ex.Message);
            return 1;
        }

        var output = new StringBuilder();
        foreach (var m in matches)
        {
            output.Append(m).Append('\n');
        }

        Console.Out.Write(output.ToString());
        ReportTorn(reader);
        return 0;
    }

    private static bool TryBuildFilter(FilterText text, out AuditFilter filter)
    {
        filter = new AuditFilter { Tool = text.Tool, User = text.User, Result = text.Result, EventType = text.EventType };
        if (text.Since is { Length: > 0 } s && !string.Equals(s, "all", StringComparison.OrdinalIgnoreCase))
        {
            if (!AuditFilter.TryParseSince(s, TimeProvider.System.GetUtcNow(), out var since))
            {
                Console.Error.WriteLine($"burly: --since '{s}' is not a duration (30m, 24h, 7d, 2w) or an ISO-8601 time.");
                return false;
            }

            filter = filter with { Since = since };
        }

        return true;
    }

    internal static int Stats(string? file, bool asJson)
    {
        var path = ResolvePath(file);
        if (path is null || !Exists(path))
        {
            return 1;
        }

        // The counts come from Core's compliance report (the same code as `burly audit report`, over every record).
        var report = new AuditReport { GeneratedAt = TimeProvider.System.GetUtcNow() };
        var reader = new AuditReader(path);
        try
        {
            foreach (var (_, record) in reader.ReadRecords())
            {
                report.Add(record);
            }
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine("burly: " + ex.Message);
            return 1;
        }

        var (records, firstSeq, lastSeq, first, last) = (report.Records, report.FirstSeq, report.LastSeq, report.FirstTimestamp, report.LastTimestamp);
        var (byEvent, byResult, byTool) = (report.ByEventType, report.ByResult, report.ByTool);
        var files = new JsonArray();
        long total = 0;
        foreach (var f in reader.Files)
        {
            var size = new FileInfo(f.Path).Length;
            total += size;
            files.Add(new JsonObject { ["name"] = Path.GetFileName(f.Path), ["size_bytes"] = size, ["compressed"] = f.Compressed });
        }

        var json = new JsonObject
        {
            ["records"] = records,
            ["first_seq"] = firstSeq,
            ["last_seq"] = lastSeq,
            ["first_timestamp"] = first,
            ["last_timestamp"] = last,
            ["files"] = files,
            ["total_size_bytes"] = total,
            ["by_event_type"] = ToJson(byEvent),
            ["tool_calls_by_result"] = ToJson(byResult),
            ["tool_calls_by_tool"] = ToJson(byTool),
            ["torn_last_line"] = reader.TornLastLine is not null,
        };
        if (asJson)
        {
            Console.Out.WriteLine(CliOutput.Json(json));
        }
        else
        {
            var sb = new StringBuilder();
            sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"records: {records} (seq {firstSeq}..{lastSeq}), {first} .. {last}");
            sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"files: {files.Count}, {total} bytes");
            foreach (var f in files)
            {
                sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {f!["name"]} {f["size_bytes"]} bytes");
            }

            Append(sb, "by event type", byEvent);
            Append(sb, "tool calls by result", byResult);
            Append(sb, "tool calls by tool", byTool);
            Console.Out.Write(sb.ToString());
        }

        ReportTorn(reader);
        return 0;
    }

    internal static int Verify(string? file, bool asJson)
    {
        var path = ResolvePath(file);
        if (path is null || !Exists(path))
        {
            return 1;
        }

        var v = AuditChainVerifier.VerifyLog(path);
        if (asJson)
        {
            Console.Out.WriteLine(CliOutput.Json(new JsonObject
            {
                ["valid"] = v.Valid,
                ["records"] = v.Records,
                ["first_seq"] = v.FirstSeq,
                ["last_seq"] = v.LastSeq,
                ["files"] = new JsonArray(v.Files.Select(f => (JsonNode?)f).ToArray()),
                ["first_bad_seq"] = v.FirstBadSeq,
                ["first_bad_file"] = v.FirstBadFile,
                ["first_bad_line"] = v.FirstBadLine,
                ["problem"] = v.Problem,
                ["torn_last_line"] = v.TornLocation,
                ["outcome_unknown"] = new JsonArray(v.OutcomeUnknown.Select(u => (JsonNode?)new JsonObject
                {
                    ["seq"] = u.Seq, ["request_id"] = u.RequestId, ["tool_name"] = u.ToolName, ["timestamp"] = u.Timestamp,
                }).ToArray()),
            }));
        }
        else if (v.Valid)
        {
            Console.Out.WriteLine($"audit chain valid: {v.Records} records (seq {v.FirstSeq}..{v.LastSeq}) in {v.Files.Count} file(s)"
                + (v.FirstSeq is > 1 ? $"; starts at seq {v.FirstSeq} (older files were removed by retention)" : string.Empty));
        }
        else
        {
            Console.Out.WriteLine($"audit chain BROKEN at seq {v.FirstBadSeq} ({v.FirstBadFile}:{v.FirstBadLine}): {v.Problem}");
        }

        if (!asJson && v.OutcomeUnknown.Count > 0)
        {
            // Not tampering: the process stopped (crash, kill -9) while these mutating calls ran.
            Console.Out.WriteLine($"outcome unknown: {v.OutcomeUnknown.Count} mutating call(s) started but have no outcome record (the process stopped while they ran); check their targets:");
            foreach (var u in v.OutcomeUnknown)
            {
                Console.Out.WriteLine($"  seq {u.Seq} {u.Timestamp} {u.ToolName} request {u.RequestId}");
            }
        }

        if (v.TornLocation is { } torn)
        {
            Console.Error.WriteLine($"burly: ignored a torn last line at {torn} (a crash mid-write); the server cuts it off when it next opens the log.");
        }

        return v.Valid ? 0 : 1;
    }

    internal static int Report(string? file, string? sinceText, bool asJson)
    {
        var path = ResolvePath(file);
        if (path is null || !Exists(path))
        {
            return 1;
        }

        if (!TryBuildFilter(new FilterText(null, null, null, null, sinceText), out var filter))
        {
            return 2;
        }

        var report = new AuditReport { Since = filter.Since, GeneratedAt = TimeProvider.System.GetUtcNow(), Verification = AuditChainVerifier.VerifyLog(path) };
        var reader = new AuditReader(path);
        try
        {
            foreach (var (_, record) in reader.ReadRecords())
            {
                if (filter.Matches(record))
                {
                    report.Add(record);
                }
            }
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine("burly: " + ex.Message);
            return 1;
        }

        Console.Out.Write(asJson ? CliOutput.Json(report.ToJson()) + Environment.NewLine : report.ToText());
        ReportTorn(reader);
        return 0;
    }

    private static JsonObject ToJson(SortedDictionary<string, long> counts)
    {
        var o = new JsonObject();
        foreach (var (k, v) in counts)
        {
            o[k] = v;
        }

        return o;
    }

    private static void Append(StringBuilder sb, string title, SortedDictionary<string, long> counts)
    {
        sb.AppendLine(title + ":");
        foreach (var (k, v) in counts.OrderByDescending(kv => kv.Value))
        {
            sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {v,8}  {k}");
        }
    }
}
