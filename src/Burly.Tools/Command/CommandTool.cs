using System.Text.Json.Nodes;
using Burly.ToolPacks;

namespace Burly.Tools.Command;

/// <summary>One policy-defined command tool: expands the argv from validated arguments and runs it.</summary>
internal sealed class CommandTool(CommandSpec spec, string workingDirectory, CommandToolOptions options)
{
    public async ValueTask<ToolResult> RunAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var argv = spec.Expand(context.Arguments);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = options.SearchPath,
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = "C.UTF-8",
            ["HOME"] = workingDirectory,
        };
        foreach (var (key, value) in spec.Environment)
        {
            environment[key] = value;
        }

        var maxBytes = context.Policy.MaxOutputBytes ?? options.DefaultMaxOutputBytes;
        var program = Resolve(argv[0], options.SearchPath)
            ?? throw new ToolException(BurlyErrorCodes.DependencyUnavailable, $"The program '{argv[0]}' of '{context.ToolName}' is not installed (not found in the command PATH).");
        var run = await CommandRunner.RunAsync([program, .. argv.Skip(1)], workingDirectory, environment, maxBytes, cancellationToken).ConfigureAwait(false);
        var data = new JsonObject
        {
            ["argv"] = new JsonArray(argv.Select(a => (JsonNode?)a).ToArray()),
            ["exit_code"] = run.ExitCode,
            ["stdout"] = run.Stdout,
            ["stderr"] = run.Stderr,
            ["dropped_bytes"] = run.DroppedBytes,
            ["duration_ms"] = Math.Round(run.ElapsedMs, 1),
        };
        if (!spec.OkExitCodes.Contains(run.ExitCode))
        {
            throw new ToolException(BurlyErrorCodes.ToolFailed,
                $"'{context.ToolName}' exited with code {run.ExitCode}. See details.stderr for its error output.", data);
        }

        var firstLine = run.Stdout.Split('\n', 2)[0].Trim();
        return ToolResult.Ok($"{context.ToolName} exited {run.ExitCode}{(firstLine.Length > 0 ? ": " + (firstLine.Length > 120 ? firstLine[..120] + "…" : firstLine) : string.Empty)}", data);
    }

    private static string? Resolve(string program, string searchPath) =>
        program.StartsWith('/') ? (File.Exists(program) ? program : null)
        : searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
