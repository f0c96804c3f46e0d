using Burly.Configuration;
using Burly.Metrics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Burly.Tools.Docker;

/// <summary>Builds the engine client once and reads the engine's version at first use.</summary>
internal sealed class DockerClientFactory : IDockerClientFactory, IDisposable
{
    private readonly DockerOptions _options;
    private readonly DockerEngineMetrics _metrics;
    private readonly ILogger<DockerClientFactory> _logger;
    private readonly Lazy<DockerClient> _client;
    private readonly SemaphoreSlim _probeLock = new(1, 1);
    private VersionResponse? _version;

    public DockerClientFactory(IOptions<DockerOptions> options, DockerEngineMetrics metrics, ILogger<DockerClientFactory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _client = new Lazy<DockerClient>(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(Math.Clamp(_options.TimeoutSeconds, 1, 300));

    /// <summary>Gets the engine version read at first use, or <see langword="null"/> before that.</summary>
    public VersionResponse? EngineVersion => Volatile.Read(ref _version);

    public async ValueTask<IDockerClient> GetClientAsync(CancellationToken cancellationToken)
    {
        var client = _client.Value;
        if (Volatile.Read(ref _version) is null)
        {
            await ProbeAsync(client, cancellationToken).ConfigureAwait(false);
        }

        return client;
    }

    public void ReportEngineState(bool up)
    {
        _metrics.SetUp(up);
        if (!up && Interlocked.Exchange(ref _version, null) is not null)
        {
            DockerLog.EngineLost(_logger);
        }
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }

        _probeLock.Dispose();
    }

    private DockerClient Build()
    {
        var endpoint = _options.ResolveEndpoint();

        // No WithApiVersion: unversioned paths let the engine answer with its own API version (20.10 → 1.41).
        // A pinned version above the engine's maximum would make every call fail.
        return new DockerClientBuilder().WithEndpoint(endpoint).Build();
    }

    private async Task ProbeAsync(DockerClient client, CancellationToken cancellationToken)
    {
        await _probeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _version) is not null)
            {
                return;
            }

            var version = await client.System.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            DockerLog.EngineVersion(_logger, version.Version, version.APIVersion, version.MinAPIVersion ?? "?", version.Os, version.Arch, _options.ResolveEndpoint().Scheme);
            _metrics.SetUp(true);
            Volatile.Write(ref _version, version);
        }
        finally
        {
            _probeLock.Release();
        }
    }
}
