using Docker.DotNet;
using Docker.DotNet.Models;

namespace Burly.Tools.Tests.Docker;

/// <summary>
/// The real Docker engine the Docker tests run against, and the containers they create. Every container is
/// labelled <c>burly-test=&lt;run id&gt;</c> and named <c>burly-test-&lt;run id&gt;-&lt;role&gt;</c>, and removed by label.
/// When no engine answers, tests are ignored, or fail when <c>BURLY_REQUIRE_DOCKER=1</c> (CI).
/// </summary>
internal sealed class DockerTestEngine : IAsyncDisposable
{
    /// <summary>The image ensure-docker.sh builds from busybox-static.</summary>
    public const string Image = "burly-test/busybox:1";

    /// <summary>The label every test container carries.</summary>
    public const string LabelKey = "burly-test";

    private DockerTestEngine(DockerClient client, Uri endpoint)
    {
        Client = client;
        Endpoint = endpoint;
        RunId = Guid.NewGuid().ToString("N")[..10];
    }

    /// <summary>Gets the client the tests use to arrange and check (never the code under test).</summary>
    public DockerClient Client { get; }

    /// <summary>Gets the engine endpoint (DOCKER_HOST, else DOCKER_SOCKET, else the default socket).</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets this run's id.</summary>
    public string RunId { get; }

    /// <summary>Gets the engine's API version.</summary>
    public string ApiVersion { get; private set; } = string.Empty;

    /// <summary>Connects to the engine, or ignores/fails the calling test when none answers.</summary>
    /// <returns>The engine.</returns>
    public static async Task<DockerTestEngine> ConnectAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socket = Environment.GetEnvironmentVariable("DOCKER_SOCKET");
        var endpoint = new Uri(!string.IsNullOrWhiteSpace(host) ? host : "unix://" + (string.IsNullOrWhiteSpace(socket) ? "/var/run/docker.sock" : socket));
        var client = new DockerClientBuilder().WithEndpoint(endpoint).Build();
        var engine = new DockerTestEngine(client, endpoint);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var version = await client.System.GetVersionAsync(timeout.Token);
            engine.ApiVersion = version.APIVersion;
            await client.Images.InspectImageAsync(Image, timeout.Token);
        }
        catch (Exception ex) when (ex is not AssertionException and not IgnoreException)
        {
            client.Dispose();
            var message = $"No Docker engine with image {Image} at {endpoint} ({ex.GetType().Name}: {ex.Message}). Run `bash scripts/lib/ensure-docker.sh` first.";
            if (Environment.GetEnvironmentVariable("BURLY_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail("BURLY_REQUIRE_DOCKER=1 but the Docker tests cannot run: " + message);
            }

            Assert.Ignore(message);
        }

        await engine.RemoveStaleAsync();
        return engine;
    }

    /// <summary>Returns this run's name for a container role.</summary>
    /// <param name="role">The role, e.g. <c>running</c>.</param>
    /// <returns>The container name.</returns>
    public string NameFor(string role) => $"burly-test-{RunId}-{role}";

    /// <summary>Creates a labelled container from the test image and optionally starts it.</summary>
    /// <param name="role">The role (part of the name).</param>
    /// <param name="start">Whether to start it.</param>
    /// <param name="command">The command (default <c>/bin/sleep 3600</c>).</param>
    /// <returns>The container name.</returns>
    public async Task<string> CreateAsync(string role, bool start, params string[] command)
    {
        var name = NameFor(role);
        var created = await Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = Image,
            Cmd = command.Length == 0 ? ["/bin/sleep", "3600"] : command,
            Labels = new Dictionary<string, string> { [LabelKey] = RunId },
            HostConfig = new HostConfig { NetworkMode = "none" },
        });
        if (start)
        {
            await Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        }

        return name;
    }

    /// <summary>Creates and starts a container that runs to its end, and waits until it has exited.</summary>
    /// <param name="role">The role.</param>
    /// <param name="shellScript">The <c>/bin/sh -c</c> script.</param>
    /// <returns>The container name.</returns>
    public async Task<string> RunToCompletionAsync(string role, string shellScript)
    {
        var name = await CreateAsync(role, start: true, "/bin/sh", "-c", shellScript);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Client.Containers.WaitContainerAsync(name, timeout.Token);
        return name;
    }

    /// <summary>Returns a container's state as the engine reports it.</summary>
    /// <param name="name">The container.</param>
    /// <returns>The state.</returns>
    public async Task<ContainerState> StateAsync(string name)
    {
        var inspect = await Client.Containers.InspectContainerAsync(name);
        return new ContainerState(inspect.State!.Status, inspect.State.StartedAt, inspect.RestartCount);
    }

    /// <summary>Removes every container of this run.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RemoveAsync(c => c.Labels.TryGetValue(LabelKey, out var run) && run == RunId);
        }
        finally
        {
            Client.Dispose();
        }
    }

    /// <summary>Removes test containers left behind by crashed runs (older than an hour, so parallel runs are left alone).</summary>
    private Task RemoveStaleAsync() =>
        RemoveAsync(c => c.Labels.ContainsKey(LabelKey) && c.Created < DateTime.UtcNow.AddHours(-1));

    private async Task RemoveAsync(Func<ContainerListResponse, bool> select)
    {
        var list = await Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [LabelKey] = true } },
        });
        foreach (var container in list.Where(c => c.Labels is not null && select(c)))
        {
            try
            {
                await Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            }
            catch (DockerContainerNotFoundException)
            {
                // Already gone.
            }
        }
    }
}

/// <summary>A container's state, as read directly from the engine.</summary>
/// <param name="Status">running, exited, created, …</param>
/// <param name="StartedAt">The start time (changes on restart).</param>
/// <param name="RestartCount">The restart count.</param>
internal sealed record ContainerState(string Status, string StartedAt, long RestartCount);
