using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Tools.Tests.Docker;

/// <summary>
/// A real Burly pipeline with the Docker pack, as a host builds it (<c>AddBurly(...).AddDockerTools()</c>), with its
/// data and audit log in a temporary directory that is deleted afterwards.
/// </summary>
internal sealed class DockerPipeline : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="dockerHost">The engine endpoint (<c>DOCKER_HOST</c>).</param>
    /// <param name="policyFile">A policy file, or <see langword="null"/> for the built-in default policy.</param>
    /// <param name="dockerTimeoutSeconds">The <c>DOCKER_TIMEOUT</c>.</param>
    /// <param name="configure">Changes the services after the Docker pack is added (e.g. a substitute engine client).</param>
    public DockerPipeline(string dockerHost, string? policyFile = null, int dockerTimeoutSeconds = 20, Action<IServiceCollection>? configure = null)
    {
        DataDirectory = Directory.CreateTempSubdirectory("burly-docker-test-").FullName;
        var services = new ServiceCollection()
            .AddLogging()
            .AddBurly(o =>
            {
                o.DataDirectory = DataDirectory;
                o.Policy.File = policyFile;
                o.Policy.Watch = false;
            })
            .AddDockerTools(d =>
            {
                d.Host = dockerHost;
                d.TimeoutSeconds = dockerTimeoutSeconds;
            })
            .Services;
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Pipeline = _services.GetRequiredService<ToolCallPipeline>();
    }

    /// <summary>Gets the pipeline.</summary>
    public ToolCallPipeline Pipeline { get; }

    /// <summary>Gets the temporary data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>Calls a tool as the local CLI would.</summary>
    /// <param name="tool">The tool.</param>
    /// <param name="arguments">The arguments (serialized to JSON).</param>
    /// <returns>The outcome.</returns>
    public Task<ToolCallOutcome> CallAsync(string tool, object? arguments = null) =>
        Pipeline.InvokeAsync(new ToolCallRequest
        {
            ToolName = tool,
            Arguments = arguments is null ? null : JsonSerializer.SerializeToElement(arguments),
            Caller = CallerContext.Local("cli"),
        });

    /// <summary>Reads every audit record written so far.</summary>
    /// <returns>The records.</returns>
    public IReadOnlyList<JsonObject> AuditRecords()
    {
        var path = Path.Combine(DataDirectory, "audit", "audit.jsonl");
        return File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
