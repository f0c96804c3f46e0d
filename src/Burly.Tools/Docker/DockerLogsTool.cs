using System.Buffers;
using System.Globalization;
using System.Text.Json.Nodes;
using Burly.ToolPacks;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Burly.Tools.Docker;

/// <summary>
/// <c>docker_logs</c>: the last <c>tail</c> lines (default 100, at most 1000; the engine counts stdout and stderr
/// together) since an optional point in time, demultiplexed into stdout and stderr. Each stream is bounded while
/// it is read: only the newest bytes up to the tool's output limit are kept.
/// </summary>
internal sealed class DockerLogsTool(DockerGateway gateway, TimeProvider time)
{
    internal const int DefaultTail = 100;
    internal const int MaxTail = 1000;

    public async ValueTask<ToolResult> RunAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var container = DockerGateway.ContainerArgument(context);
        var tail = Math.Clamp(context.GetInt32("tail", DefaultTail), 1, MaxTail);
        var sinceText = context.GetString("since");
        string? since = null;
        if (sinceText is not null && !LogSince.TryParse(sinceText, time.GetUtcNow(), out since))
        {
            throw new ToolException(BurlyErrorCodes.InvalidArguments,
                $"'since' must be an RFC 3339 time (2026-05-01T10:00:00Z), Unix seconds (1714557600) or a duration such as 10m, 2h or 1h30m; got '{sinceText}'.",
                new JsonObject { ["since"] = sinceText });
        }

        var inspect = await gateway.ResolveAsync(context, container, cancellationToken).ConfigureAwait(false);
        var name = inspect.Name.TrimStart('/');
        var budget = context.Policy.MaxOutputBytes ?? context.PolicySettings.OutputTruncateLimit;
        var stdout = new LogTailBuffer(budget);
        var stderr = new LogTailBuffer(budget);
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Tail = tail.ToString(CultureInfo.InvariantCulture),
            Since = since,
            Timestamps = false,
        };

        await gateway.RunAsync(
            context,
            async (client, ct) =>
            {
                // By id: the name was checked against the allow-list, the id cannot be re-pointed meanwhile.
                using var stream = await client.Containers.GetContainerLogsAsync(inspect.ID, parameters, ct).ConfigureAwait(false);
                await ReadAsync(stream, stdout, stderr, ct).ConfigureAwait(false);
                return true;
            },
            $"read the logs of container '{name}'",
            container,
            cancellationToken).ConfigureAwait(false);

        var truncated = stdout.Truncated || stderr.Truncated;
        var summary = $"{stdout.LineCount} stdout and {stderr.LineCount} stderr line(s) from {name}"
            + (sinceText is null ? string.Empty : $" since {sinceText}")
            + (truncated ? $" (oldest lines dropped to stay within {budget} bytes per stream)" : string.Empty);
        return ToolResult.Ok(summary, new JsonObject
        {
            ["container"] = name,
            ["id"] = DockerPsTool.ShortId(inspect.ID),
            ["tail"] = tail,
            ["since"] = sinceText,
            ["stdout"] = stdout.GetText(),
            ["stderr"] = stderr.GetText(),
            ["stdout_lines"] = stdout.LineCount,
            ["stderr_lines"] = stderr.LineCount,
            ["truncated"] = truncated,
            ["dropped_bytes"] = stdout.DroppedBytes + stderr.DroppedBytes,
        });
    }

    /// <summary>Demultiplexes the engine's log stream into two bounded buffers (stdin frames are ignored).</summary>
    internal static async Task ReadAsync(MultiplexedStream stream, LogTailBuffer stdout, LogTailBuffer stderr, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                if (read.EOF)
                {
                    return;
                }

                var target = read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout;
                target.Append(buffer.AsSpan(0, read.Count));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
