using System.Text.Json.Nodes;
using Burly.ToolPacks;
using Docker.DotNet.Models;

namespace Burly.Tools.Docker;

/// <summary>
/// <c>docker_restart</c>, <c>docker_start</c> and <c>docker_stop</c>. They mutate, so the policy makes the
/// pipeline ask for confirmation before they run; the tool itself only acts and reports the new state.
/// </summary>
internal sealed class DockerLifecycleTool(DockerGateway gateway)
{
    internal const int DefaultStopTimeoutSeconds = 10;

    public async ValueTask<ToolResult> RestartAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var (inspect, name) = await ResolveAsync(context, cancellationToken).ConfigureAwait(false);
        var wait = (uint)Math.Clamp(context.GetInt32("timeout_seconds", DefaultStopTimeoutSeconds), 0, 120);
        await gateway.RunAsync(
            context,
            async (client, ct) =>
            {
                await client.Containers.RestartContainerAsync(inspect.ID, new ContainerRestartParameters { WaitBeforeKillSeconds = wait }, ct).ConfigureAwait(false);
                return true;
            },
            $"restart container '{name}'",
            name,
            cancellationToken).ConfigureAwait(false);
        return await ReportAsync(context, inspect, name, "restarted", changed: true, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToolResult> StartAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var (inspect, name) = await ResolveAsync(context, cancellationToken).ConfigureAwait(false);
        var started = await gateway.RunAsync(
            context,
            (client, ct) => client.Containers.StartContainerAsync(inspect.ID, new ContainerStartParameters(), ct),
            $"start container '{name}'",
            name,
            cancellationToken).ConfigureAwait(false);
        return await ReportAsync(context, inspect, name, started ? "started" : "already running", started, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToolResult> StopAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var (inspect, name) = await ResolveAsync(context, cancellationToken).ConfigureAwait(false);
        var wait = (uint)Math.Clamp(context.GetInt32("timeout_seconds", DefaultStopTimeoutSeconds), 0, 120);
        var stopped = await gateway.RunAsync(
            context,
            (client, ct) => client.Containers.StopContainerAsync(inspect.ID, new ContainerStopParameters { WaitBeforeKillSeconds = wait }, ct),
            $"stop container '{name}'",
            name,
            cancellationToken).ConfigureAwait(false);
        return await ReportAsync(context, inspect, name, stopped ? "stopped" : "already stopped", stopped, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(ContainerInspectResponse Inspect, string Name)> ResolveAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var container = DockerGateway.ContainerArgument(context);
        var inspect = await gateway.ResolveAsync(context, container, cancellationToken).ConfigureAwait(false);
        await context.Session.ReportProgressAsync(1, 3, $"{context.ToolName}: found container {inspect.Name.TrimStart('/')}", cancellationToken).ConfigureAwait(false);
        return (inspect, inspect.Name.TrimStart('/'));
    }

    private async Task<ToolResult> ReportAsync(ToolContext context, ContainerInspectResponse before, string name, string what, bool changed, CancellationToken cancellationToken)
    {
        await context.Session.ReportProgressAsync(2, 3, $"container {name} {what}; reading its new state", cancellationToken).ConfigureAwait(false);
        var after = await gateway.RunAsync(context, (c, ct) => c.Containers.InspectContainerAsync(before.ID, ct), $"inspect container '{name}'", name, cancellationToken)
            .ConfigureAwait(false);
        return ToolResult.Ok($"Container {name} {what}; now {after.State?.Status ?? "unknown"}", new JsonObject
        {
            ["container"] = name,
            ["id"] = DockerPsTool.ShortId(before.ID),
            ["action"] = context.ToolName,
            ["changed"] = changed,
            ["state_before"] = before.State?.Status,
            ["state"] = after.State?.Status,
            ["running"] = after.State?.Running,
            ["started_at_before"] = before.State?.StartedAt,
            ["started_at"] = after.State?.StartedAt,
            ["finished_at"] = after.State?.FinishedAt,
            ["exit_code"] = after.State?.ExitCode,
            ["restart_count"] = after.RestartCount,
        });
    }
}
