using Burly.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Core.Tests;

/// <summary>Builds a real Burly service provider over a temporary directory.</summary>
internal static class OpsTestHost
{
    public static string TestData(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", name);

    public static ServiceProvider Build(string dir, Action<BurlyOptions>? configure = null, bool opsPolicy = true, Action<IServiceCollection>? more = null,
        Action<DockerOptions>? docker = null, Action<BlogOptions>? blog = null, Action<Burly.Configuration.GotifyOptions>? gotify = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBurly(o =>
        {
            o.DataDirectory = dir;
            o.Audit.Path = Path.Combine(dir, "audit", "audit.jsonl");
            o.Policy.File = opsPolicy ? TestData("ops-policy.yaml") : null;
            configure?.Invoke(o);
        }).AddDockerTools(d =>
        {
            d.Socket = Path.Combine(dir, "no-docker.sock");
            d.TimeoutSeconds = 3;
            docker?.Invoke(d);
        }).AddBlogTools(blog).AddGotifyNotifications(gotify).AddToolPack<OpsTestPack>();
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static string CreateTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "burly-ops-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
