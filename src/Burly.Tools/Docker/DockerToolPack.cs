using Burly.ToolPacks;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Tools.Docker;

/// <summary>
/// Docker tools over the Engine API (Docker.DotNet.Enhanced): <c>docker_ps</c>, <c>docker_inspect</c>,
/// <c>docker_logs</c>, <c>docker_stats</c>, and the mutating <c>docker_restart</c>, <c>docker_start</c>,
/// <c>docker_stop</c>. Registered with <c>AddDockerTools()</c>.
/// </summary>
internal sealed class DockerToolPack(DockerGateway gateway, TimeProvider time) : IToolPack
{
    private const string ContainerProperty =
        "\"container\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":128,\"pattern\":\"^[a-zA-Z0-9][a-zA-Z0-9_.\\\\-]*$\"}";

    private const string StopTimeoutProperty = "\"timeout_seconds\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":120}";

    /// <inheritdoc />
    public IEnumerable<ToolDefinition> GetTools()
    {
        var lifecycle = new DockerLifecycleTool(gateway);
        yield return new ToolDefinition
        {
            Name = "docker_ps",
            Description = "List Docker containers with their state, status, image and ports.",
            DefaultSchema = ToolDefinition.Schema("""
                {"type":"object","properties":{"all":{"type":"boolean"},
                 "name":{"type":"string","maxLength":128,"pattern":"^[a-zA-Z0-9_.*?\\-]+$"}},"additionalProperties":false}
                """),
            Idempotent = true,
            OutputSchema = BuiltInOutputSchemas.DockerPs,
            Handler = new DockerPsTool(gateway).RunAsync,
        };
        yield return new ToolDefinition
        {
            Name = "docker_inspect",
            Description = "Show the configuration and state of one container.",
            DefaultSchema = ContainerSchema(),
            Idempotent = true,
            OutputSchema = BuiltInOutputSchemas.DockerInspect,
            Handler = new DockerInspectTool(gateway).RunAsync,
        };
        yield return new ToolDefinition
        {
            Name = "docker_logs",
            Description = "Read the recent log lines of a container (stdout and stderr separately).",
            DefaultSchema = ContainerSchema(
                "\"tail\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000}",
                "\"since\":{\"type\":\"string\",\"maxLength\":40}"),
            Idempotent = true,
            OutputSchema = BuiltInOutputSchemas.DockerLogs,
            Handler = new DockerLogsTool(gateway, time).RunAsync,
        };
        yield return new ToolDefinition
        {
            Name = "docker_stats",
            Description = "One-shot resource usage of a running container: CPU %, memory, network and block I/O.",
            DefaultSchema = ContainerSchema(),
            Idempotent = true,
            OutputSchema = BuiltInOutputSchemas.DockerStats,
            Handler = new DockerStatsTool(gateway).RunAsync,
        };
        yield return new ToolDefinition
        {
            Name = "docker_restart",
            Description = "Restart a container (asks for confirmation).",
            DefaultSchema = ContainerSchema(StopTimeoutProperty),
            Mutates = true,
            OutputSchema = BuiltInOutputSchemas.DockerLifecycle,
            Handler = lifecycle.RestartAsync,
        };
        yield return new ToolDefinition
        {
            Name = "docker_start",
            Description = "Start a stopped container (asks for confirmation).",
            DefaultSchema = ContainerSchema(),
            Mutates = true,
            Idempotent = true,
            OutputSchema = BuiltInOutputSchemas.DockerLifecycle,
            Handler = lifecycle.StartAsync,
        };
        yield return new ToolDefinition
        {
            Name = "docker_stop",
            Description = "Stop a running container (asks for confirmation).",
            DefaultSchema = ContainerSchema(StopTimeoutProperty),
            Mutates = true,
            Idempotent = true,
            OutputSchema = BuiltInOutputSchemas.DockerLifecycle,
            Handler = lifecycle.StopAsync,
        };
    }

    private static global::System.Text.Json.JsonElement ContainerSchema(params string[] extraProperties) =>
        ToolDefinition.Schema($$"""{"type":"object","properties":{{{string.Join(",", [ContainerProperty, .. extraProperties])}}},"required":["container"],"additionalProperties":false}""");
}
