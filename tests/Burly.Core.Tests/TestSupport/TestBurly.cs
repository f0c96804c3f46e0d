using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Configuration;
using Burly.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Burly.Core.Tests.TestSupport;

/// <summary>A real Burly service provider over a temp data directory and a test policy.</summary>
public sealed class TestBurly : IDisposable
{
    private TestBurly(ServiceProvider services, string directory, TestToolPack pack)
    {
        Services = services;
        Directory = directory;
        Pack = pack;
    }

    public ServiceProvider Services { get; }

    public string Directory { get; }

    public TestToolPack Pack { get; }

    public ToolCallPipeline Pipeline => Services.GetRequiredService<ToolCallPipeline>();

    public string AuditPath => Path.Combine(Directory, "audit", "audit.jsonl");

    public static TestBurly Create(string policyYaml, Action<BurlyOptions>? configure = null, FakeTimeProvider? time = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "burly-core-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var policyFile = Path.Combine(directory, "tools.yaml");
        File.WriteAllText(policyFile, policyYaml);
        var pack = new TestToolPack();
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton<TimeProvider>(time);
        }

        services.AddSingleton(pack);
        services.AddBurly(o =>
        {
            o.DataDirectory = directory;
            o.Policy.File = policyFile;
            configure?.Invoke(o);
        }).AddToolPack<TestToolPackAdapter>();
        return new TestBurly(services.BuildServiceProvider(), directory, pack);
    }

    public Task<ToolCallOutcome> CallAsync(string tool, string argumentsJson = "{}", CallerContext? caller = null, CancellationToken cancellationToken = default) =>
        Pipeline.InvokeAsync(new ToolCallRequest
        {
            ToolName = tool,
            Arguments = JsonDocument.Parse(argumentsJson).RootElement.Clone(),
            Caller = caller ?? CallerContext.Local("cli"),
        }, cancellationToken);

    public IReadOnlyList<JsonObject> ReadAudit() =>
        File.Exists(AuditPath)
            ? File.ReadAllLines(AuditPath).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];

    /// <summary>Returns the outcome records only (no write-ahead intents, no lifecycle records).</summary>
    public IReadOnlyList<JsonObject> ReadToolCalls() =>
        ReadAudit().Where(r => r["event_type"]!.GetValue<string>() == AuditEventTypes.ToolCall).ToList();

    public void Dispose()
    {
        Services.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Registers the shared <see cref="TestToolPack"/> instance as a pack.</summary>
public sealed class TestToolPackAdapter(TestToolPack pack) : Burly.ToolPacks.IToolPack
{
    public IEnumerable<Burly.ToolPacks.ToolDefinition> GetTools() => pack.GetTools();
}
