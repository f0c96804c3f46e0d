using Burly.ToolPacks;

namespace Burly.Tools.System;

/// <summary>System tools: <c>disk_space</c>.</summary>
internal sealed class SystemToolPack : IToolPack
{
    private readonly MountTable _mounts;

    /// <summary>Initializes a new instance reading the real mount table.</summary>
    public SystemToolPack()
        : this(new MountTable())
    {
    }

    internal SystemToolPack(MountTable mounts)
    {
        _mounts = mounts;
    }

    /// <inheritdoc />
    public IEnumerable<ToolDefinition> GetTools()
    {
        yield return new ToolDefinition
        {
            Name = "disk_space",
            Description = "Check filesystem disk space usage and flag filesystems above a threshold.",
            DefaultSchema = ToolDefinition.Schema("""
                {"type":"object","properties":{"path":{"type":"string","minLength":1,"maxLength":4096},
                 "threshold_percent":{"type":"integer","minimum":1,"maximum":100}},"additionalProperties":false}
                """),
            Idempotent = true,
            OutputSchema = BuiltInOutputSchemas.DiskSpace,
            Handler = new DiskSpaceTool(_mounts).RunAsync,
        };
    }
}
