using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Burly.Host.Stdio.Tests.TestSupport;
using Burly.Tests.Corpus;

namespace Burly.Host.Stdio.Tests.Security;

/// <summary>
/// One <c>burly</c> stdio server driven with raw lines (no SDK client, so malformed input reaches it as sent).
/// Output lines are collected; <see cref="ExchangeAsync"/> sends bytes and a follow-up valid call and returns
/// everything answered until the follow-up's answer (and the case's own answer, when it has an id).
/// </summary>
internal sealed class StdioSession : IAsyncDisposable
{
    private const string ApiKey = "corpus-api-key-4d1f9c2b7e61";
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();
    private int _next;

    private StdioSession(Process process)
    {
        _process = process;
    }

    public const string GotifyToken = "corpus-gotify-token-a83e55c0";

    public static IReadOnlyList<string> Secrets => [ApiKey, GotifyToken];

    public bool HasExited => _process.HasExited;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static Dictionary<string, string> Environment(CorpusRoots roots) => new()
    {
        ["BURLY_DATA_DIR"] = roots.Data,
        ["DOTNET_NOLOGO"] = "1",
        ["BLOG_STAGE_ROOT"] = roots.Stage,
        ["BLOG_PUBLISH_ROOT"] = roots.Publish,
        ["GOTIFY_URL"] = "http://127.0.0.1:9",
        ["GOTIFY_TOKEN"] = GotifyToken,
        ["BURLYMCP_API_KEY"] = ApiKey,
        ["DOCKER_HOST"] = "unix://" + Path.Combine(roots.Data, "no-docker.sock"),
    };

    public static async Task<StdioSession> StartAsync(CorpusRoots roots)
    {
        var (command, prefix) = BurlyProcess.Launcher;
        var psi = new ProcessStartInfo(command, prefix)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var key in new[] { "POLICY_FILE", "POLICY_DIR", "BURLY_CONFIG" })
        {
            psi.Environment.Remove(key);
        }

        foreach (var (k, v) in Environment(roots))
        {
            psi.Environment[k] = v;
        }

        var session = new StdioSession(Process.Start(psi)!);
        session._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                session._lines.Writer.TryComplete();
            }
            else
            {
                session._lines.Writer.TryWrite(e.Data);
            }
        };
        session._process.ErrorDataReceived += (_, e) =>
        {
            lock (session._stderr)
            {
                session._stderr.AppendLine(e.Data);
            }
        };
        session._process.BeginOutputReadLine();
        session._process.BeginErrorReadLine();
        await session.WriteAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"corpus","version":"1"}}}"""));
        var answer = await session.ReadUntilAsync(["\"init\""], TimeSpan.FromSeconds(60));
        if (!answer.Contains("\"result\"", StringComparison.Ordinal))
        {
            throw new AssertionException($"burly did not initialize: {answer}\n{session.Stderr}");
        }

        await session.WriteAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8.ToArray());
        return session;
    }

    /// <summary>Sends one line (a newline is appended), then a valid tools/call; returns the answers before the follow-up's and the follow-up's own.</summary>
    public async Task<(string Answer, string FollowUp)> ExchangeAsync(byte[] line, string? caseId, TimeSpan timeout)
    {
        await WriteAsync(line);
        var sentinel = $"follow-up-{++_next}";
        await WriteAsync(Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":\"" + sentinel + "\",\"method\":\"tools/call\",\"params\":{\"name\":\"disk_space\",\"arguments\":{\"threshold_percent\":99}}}"));
        var wanted = new List<string> { $"\"id\":\"{sentinel}\"" };
        if (caseId is not null)
        {
            wanted.Add(caseId);
        }

        var all = await ReadUntilAsync(wanted, timeout);
        var lines = all.Split('\n');
        var followUp = lines.FirstOrDefault(l => l.Contains(wanted[0], StringComparison.Ordinal)) ?? "";
        return (string.Join('\n', lines.Where(l => !l.Contains(wanted[0], StringComparison.Ordinal))), followUp);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task WriteAsync(byte[] line)
    {
        var stream = _process.StandardInput.BaseStream;
        await stream.WriteAsync(line);
        await stream.WriteAsync("\n"u8.ToArray());
        await stream.FlushAsync();
    }

    /// <summary>Reads lines until each wanted text has been seen in some line (or the timeout, or EOF).</summary>
    private async Task<string> ReadUntilAsync(List<string> wanted, TimeSpan timeout)
    {
        var seen = new List<string>();
        var missing = new HashSet<string>(wanted, StringComparer.Ordinal);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (missing.Count > 0)
            {
                var line = await _lines.Reader.ReadAsync(cts.Token);
                seen.Add(line);
                missing.RemoveWhere(w => line.Contains(w, StringComparison.Ordinal));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // Timeout or EOF: return what was answered; the caller's assertions say what is missing.
        }

        return string.Join('\n', seen);
    }
}
