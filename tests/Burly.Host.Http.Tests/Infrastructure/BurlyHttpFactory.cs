using Burly.Host.Http.TestHost.TestTools;
using Burly.ToolPacks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Burly.Host.Http.Tests.Infrastructure;

/// <summary>
/// The real host's Program in process (TestServer), with the test policy, the test tool pack, its own data
/// directory and audit file, and any configuration the test sets.
/// </summary>
internal sealed class BurlyHttpFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _directory = new();
    private readonly Dictionary<string, string?> _settings;

    public BurlyHttpFactory(IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Burly:Policy:File"] = TestPaths.Policy,
            ["Burly:DataDirectory"] = _directory.Path,
            ["Burly:Audit:Path"] = AuditPath,
            ["Burly:LogLevel"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string AuditPath => _directory.File("audit.jsonl");

    public string DataDirectory => _directory.Path;

    public TestGate Gate => Services.GetRequiredService<TestGate>();

    public TestToolLog ToolLog => Services.GetRequiredService<TestToolLog>();

    public Uri McpEndpoint => new(Server.BaseAddress, "/mcp");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            services.TryAddSingleton<TestGate>();
            services.TryAddSingleton<TestToolLog>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IToolPack, TestToolPack>());
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _directory.Dispose();
        }
    }
}
