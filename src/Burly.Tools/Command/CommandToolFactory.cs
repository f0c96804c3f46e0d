using System.Text.Json.Nodes;
using Burly.ToolPacks;
using Microsoft.Extensions.Options;

namespace Burly.Tools.Command;

/// <summary>
/// Builds a tool from every policy entry with a <c>command:</c> argv (no C# needed). Registered with <c>AddCommandTools()</c>.
/// </summary>
internal sealed class CommandToolFactory(IOptions<CommandToolOptions> options) : IPolicyToolFactory
{
    /// <summary>The schema of a command tool's data.</summary>
    internal static readonly global::System.Text.Json.JsonElement DataSchema = ToolDefinition.Schema("""
        {"type":"object","properties":{"argv":{"type":"array","items":{"type":"string"}},"exit_code":{"type":"integer"},
         "stdout":{"type":"string"},"stderr":{"type":"string"},"dropped_bytes":{"type":"integer"},"duration_ms":{"type":"number"}},
         "required":["argv","exit_code","stdout","stderr","dropped_bytes"]}
        """);

    public ToolDefinition? Create(string name, JsonObject entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.ContainsKey("command"))
        {
            return null;
        }

        var spec = CommandSpec.Parse(name, entry);
        var settings = options.Value;
        var workingDirectory = WorkingDirectories.Resolve(spec.WorkingDirectory, settings.WorkingRoots);
        return new ToolDefinition
        {
            Name = name,
            Description = $"Run `{string.Join(' ', spec.Argv)}`.",
            OutputSchema = DataSchema,
            Handler = new CommandTool(spec, workingDirectory, settings).RunAsync,
        };
    }
}
