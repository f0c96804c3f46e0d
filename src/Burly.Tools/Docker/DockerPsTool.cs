using System.Globalization;
using System.Text.Json.Nodes;
using Burly.Pipeline;
using Burly.ToolPacks;
using Docker.DotNet.Models;

namespace Burly.Tools.Docker;

/// <summary>
/// <c>docker_ps</c>: the engine's container list (running only unless <c>all</c>), optionally filtered by
/// <c>name</c> (substring, or a glob when it has <c>*</c>/<c>?</c>) and always by the policy's allow-list.
/// </summary>
internal sealed class DockerPsTool(DockerGateway gateway)
{
    public async ValueTask<ToolResult> RunAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var all = context.GetBoolean("all");
        var name = context.GetString("name")?.TrimStart('/');
        var allowList = ContainerAllowList.From(context.PolicySettings);
        var list = await gateway.RunAsync(context, (c, ct) => c.Containers.ListContainersAsync(new ContainersListParameters { All = all }, ct), "list containers", null, cancellationToken)
            .ConfigureAwait(false);

        var containers = new JsonArray();
        var running = 0;
        foreach (var container in list) // the engine's order: newest first, like docker ps
        {
            var names = (container.Names ?? []).Select(n => n.TrimStart('/')).ToList();
            if (!allowList.AllowsAny(names) || (name is { Length: > 0 } && !names.Any(n => NameMatches(name, n))))
            {
                continue;
            }

            if (string.Equals(container.State, "running", StringComparison.OrdinalIgnoreCase))
            {
                running++;
            }

            containers.Add(new JsonObject
            {
                ["id"] = ShortId(container.ID),
                ["names"] = new JsonArray(names.Select(n => (JsonNode?)n).ToArray()),
                ["image"] = container.Image,
                ["command"] = container.Command,
                ["created"] = ToUtc(container.Created),
                ["state"] = container.State,
                ["status"] = container.Status,
                ["ports"] = new JsonArray((container.Ports ?? []).Select(FormatPort).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(p => (JsonNode?)p).ToArray()),
            });
        }

        var summary = all
            ? $"Found {containers.Count} container(s), {running} running"
            : $"Found {containers.Count} running container(s)";
        return ToolResult.Ok(summary, new JsonObject
        {
            ["containers"] = containers,
            ["count"] = containers.Count,
            ["running"] = running,
            ["all"] = all,
        });
    }

    /// <summary>Docker's 12-character short id.</summary>
    internal static string ShortId(string id) => id.Length > 12 ? id[..12] : id;

    /// <summary>A substring match, or a whole-name glob when the filter has <c>*</c> or <c>?</c>.</summary>
    internal static bool NameMatches(string filter, string name) =>
        filter.Contains('*', StringComparison.Ordinal) || filter.Contains('?', StringComparison.Ordinal)
            ? Glob.IsMatch(filter, name)
            : name.Contains(filter, StringComparison.OrdinalIgnoreCase);

    /// <summary>Formats a port like <c>docker ps</c>: <c>0.0.0.0:8080-&gt;80/tcp</c> or <c>80/tcp</c>.</summary>
    internal static string FormatPort(PortSummary port) =>
        port.PublicPort is { } published and > 0
            ? $"{(string.IsNullOrEmpty(port.IP) ? string.Empty : (port.IP.Contains(':', StringComparison.Ordinal) ? $"[{port.IP}]" : port.IP) + ":")}{published}->{port.PrivatePort}/{port.Type}"
            : $"{port.PrivatePort}/{port.Type}";

    internal static string ToUtc(DateTime value) =>
        (value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime())
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
