using System.Text;
using System.Text.Json;
using Burly.Completions;
using Burly.Pipeline;
using Burly.Policy;
using Burly.Prompts;
using Burly.Resources;
using Burly.ToolPacks;
using Docker.DotNet.Models;
using ModelContextProtocol.Protocol;

namespace Burly.Tools.Docker;

/// <summary>
/// The Docker pack's resource and prompt: <c>docker://containers/{name}/logs</c> (policy name <c>docker_container_logs</c>,
/// a read-only view over the <c>docker_logs</c> tool, so the caller also needs that tool and the container allow-list applies)
/// and the <c>triage_unhealthy_container</c> prompt; both complete container names from the engine (allow-listed only).
/// </summary>
internal sealed class DockerReadPack(IBurlyToolInvoker tools, IDockerClientFactory docker, IPolicyProvider policy) : IResourcePack, IPromptPack
{
    internal const string LogsResource = "docker_container_logs";
    internal const string TriagePrompt = "triage_unhealthy_container";

    public IEnumerable<ResourceDefinition> GetResources()
    {
        yield return new ResourceDefinition
        {
            Name = LogsResource,
            Uri = "docker://containers/{name}/logs",
            Title = "Container logs",
            Description = "The last 100 log lines (stdout, then stderr) of an allow-listed container; read through the docker_logs tool's policy.",
            MimeType = "text/plain",
            Read = ReadLogsAsync,
            Complete = CompleteContainerAsync,
        };
    }

    public IEnumerable<PromptDefinition> GetPrompts()
    {
        yield return new PromptDefinition
        {
            Name = TriagePrompt,
            Title = "Triage an unhealthy container",
            Description = "Steps to find out why a container is unhealthy or restarting, using Burly's read-only Docker tools first.",
            Arguments = [new PromptArgumentDefinition { Name = "container", Description = "The container's name.", Required = true }],
            Get = (context, _) =>
            {
                var name = context.Get("container")!;
                IReadOnlyList<PromptMessage> messages =
                [
                    new PromptMessage
                    {
                        Role = Role.User,
                        Content = new TextContentBlock
                        {
                            Text = $"The container '{name}' is unhealthy. Triage it step by step: 1. docker_inspect '{name}' (state, health log, restart count, exit code). "
                                + $"2. Read docker://containers/{name}/logs (or docker_logs with a larger tail) and quote the first error. "
                                + $"3. docker_stats '{name}' if it may be starved of memory or CPU. 4. Say what you think the cause is and what to change. "
                                + "Only propose docker_restart when the cause is transient; it needs confirmation.",
                        },
                    },
                ];
                return ValueTask.FromResult(messages);
            },
            Complete = CompleteContainerAsync,
        };
    }

    private async ValueTask<ResourceContent> ReadLogsAsync(ResourceReadContext context, CancellationToken cancellationToken)
    {
        var name = context.Variables["name"];
        var outcome = await tools.InvokeAsync(new ToolCallRequest
        {
            ToolName = "docker_logs",
            Arguments = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["container"] = name }, ReadPackJsonContext.Default.DictionaryStringString),
            Caller = context.Caller,
        }, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            throw new ToolException(outcome.Error?.Code ?? BurlyErrorCodes.ToolFailed, outcome.Error?.Message ?? outcome.Summary);
        }

        var text = new StringBuilder();
        text.Append(outcome.Data?["stdout"]?.GetValue<string>());
        if (outcome.Data?["stderr"]?.GetValue<string>() is { Length: > 0 } stderr)
        {
            text.Append("\n--- stderr ---\n").Append(stderr);
        }

        return ResourceContent.FromText(text.ToString());
    }

    /// <summary>Container names starting with what was typed, allow-listed ones only; empty when the engine is unreachable.</summary>
    private async ValueTask<IReadOnlyList<string>> CompleteContainerAsync(CompletionRequest request, CancellationToken cancellationToken)
    {
        if (request.ArgumentName is not ("name" or "container"))
        {
            return [];
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(docker.RequestTimeout);
        try
        {
            var client = await docker.GetClientAsync(deadline.Token).ConfigureAwait(false);
            var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, deadline.Token).ConfigureAwait(false);
            var allow = ContainerAllowList.From(policy.Current.Settings);
            return containers.SelectMany(c => c.Names ?? []).Select(n => n.TrimStart('/'))
                .Where(n => n.StartsWith(request.Value, StringComparison.Ordinal) && allow.Allows(n))
                .Order(StringComparer.Ordinal).Take(CompletionRequest.MaxValues).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }
}

[global::System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ReadPackJsonContext : global::System.Text.Json.Serialization.JsonSerializerContext;
