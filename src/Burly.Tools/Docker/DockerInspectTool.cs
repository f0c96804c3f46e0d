using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Burly.Audit;
using Burly.ToolPacks;
using Docker.DotNet.Models;

namespace Burly.Tools.Docker;

/// <summary>
/// <c>docker_inspect</c>: the parts of <c>docker inspect</c> an operator reads (state, image, command, restart
/// policy, ports, networks, mounts, labels, environment). Values of environment variables whose names look
/// like secrets are redacted.
/// </summary>
internal sealed partial class DockerInspectTool(DockerGateway gateway)
{
    public async ValueTask<ToolResult> RunAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var container = DockerGateway.ContainerArgument(context);
        var inspect = await gateway.ResolveAsync(context, container, cancellationToken).ConfigureAwait(false);
        var data = Describe(inspect);
        var state = inspect.State;
        var summary = $"Container {inspect.Name.TrimStart('/')} ({DockerPsTool.ShortId(inspect.ID)}) is {state?.Status ?? "unknown"}"
            + (state is { Running: true } ? $" since {state.StartedAt}" : state is { ExitCode: var code } ? $" (exit code {code})" : string.Empty);
        return ToolResult.Ok(summary, data);
    }

    internal static JsonObject Describe(ContainerInspectResponse inspect)
    {
        var state = inspect.State;
        var config = inspect.Config;
        var host = inspect.HostConfig;
        return new JsonObject
        {
            ["id"] = inspect.ID,
            ["name"] = inspect.Name.TrimStart('/'),
            ["image"] = config?.Image ?? inspect.Image,
            ["image_id"] = inspect.Image,
            ["created"] = DockerPsTool.ToUtc(inspect.Created),
            ["restart_count"] = inspect.RestartCount,
            ["state"] = state is null ? null : new JsonObject
            {
                ["status"] = state.Status,
                ["running"] = state.Running,
                ["paused"] = state.Paused,
                ["restarting"] = state.Restarting,
                ["oom_killed"] = state.OOMKilled,
                ["dead"] = state.Dead,
                ["pid"] = state.Pid,
                ["exit_code"] = state.ExitCode,
                ["error"] = string.IsNullOrEmpty(state.Error) ? null : state.Error,
                ["started_at"] = state.StartedAt,
                ["finished_at"] = state.FinishedAt,
                ["health"] = state.Health is { } health ? health.Status : null,
            },
            ["config"] = config is null ? null : new JsonObject
            {
                ["entrypoint"] = Strings(config.Entrypoint),
                ["cmd"] = Strings(config.Cmd),
                ["working_dir"] = config.WorkingDir,
                ["user"] = config.User,
                ["tty"] = config.Tty,
                ["env"] = Strings((config.Env ?? []).Select(RedactEnv)),
                ["labels"] = Map(config.Labels),
            },
            ["host_config"] = host is null ? null : new JsonObject
            {
                ["restart_policy"] = host.RestartPolicy is { } rp ? rp.Name.ToString().ToLowerInvariant() : null,
                ["network_mode"] = host.NetworkMode,
                ["privileged"] = host.Privileged,
                ["memory_limit_bytes"] = host.Memory,
                ["nano_cpus"] = host.NanoCPUs,
                ["auto_remove"] = host.AutoRemove,
            },
            ["ports"] = Ports(inspect.NetworkSettings?.Ports),
            ["networks"] = Networks(inspect.NetworkSettings?.Networks),
            ["mounts"] = new JsonArray((inspect.Mounts ?? []).Select(m => (JsonNode?)new JsonObject
            {
                ["type"] = m.Type,
                ["source"] = m.Source,
                ["destination"] = m.Destination,
                ["read_write"] = m.RW,
            }).ToArray()),
        };
    }

    /// <summary>Redacts the value of <c>NAME=value</c> when the name looks like a secret.</summary>
    internal static string RedactEnv(string entry)
    {
        var eq = entry.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return entry;
        }

        var key = entry[..eq];
        return AuditRedactor.IsSensitiveKey(key) || SecretLikeName().IsMatch(key)
            ? key + "=" + AuditRedactor.Redacted
            : UrlPassword().Replace(entry, AuditRedactor.Redacted); // postgres://user:secret@db → user:[REDACTED]@db
    }

    private static JsonArray Strings(IEnumerable<string>? values) => new((values ?? []).Select(v => (JsonNode?)v).ToArray());

    private static JsonObject Map(IDictionary<string, string>? values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in (values ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            o[k] = v;
        }

        return o;
    }

    private static JsonArray Ports(IDictionary<string, IList<PortBinding>>? ports)
    {
        var result = new JsonArray();
        foreach (var (containerPort, bindings) in (ports ?? new Dictionary<string, IList<PortBinding>>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (bindings is null || bindings.Count == 0)
            {
                result.Add(containerPort);
                continue;
            }

            foreach (var b in bindings)
            {
                result.Add($"{(string.IsNullOrEmpty(b.HostIP) ? string.Empty : b.HostIP + ":")}{b.HostPort}->{containerPort}");
            }
        }

        return result;
    }

    private static JsonObject Networks(IDictionary<string, EndpointSettings>? networks)
    {
        var o = new JsonObject();
        foreach (var (name, endpoint) in (networks ?? new Dictionary<string, EndpointSettings>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            o[name] = new JsonObject
            {
                ["ip_address"] = endpoint?.IPAddress,
                ["gateway"] = endpoint?.Gateway,
                ["mac_address"] = endpoint?.MacAddress,
            };
        }

        return o;
    }

    [GeneratedRegex(@"(PASS|PWD|TOKEN|SECRET|KEY|CREDENTIAL|PRIVATE|AUTH)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretLikeName();

    [GeneratedRegex(@"(?<=://[^/:@\s]+:)[^@\s/]+(?=@)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();
}
