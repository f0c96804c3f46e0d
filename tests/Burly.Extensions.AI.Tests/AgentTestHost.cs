using System.Text.Json.Nodes;
using Burly.ToolPacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Burly.Extensions.AI.Tests;

/// <summary>A real Burly (policy, pipeline, audit) over a temp directory with counting tools.</summary>
public sealed class AgentTestHost : IDisposable
{
    private AgentTestHost(ServiceProvider services, string directory, CountingPack pack)
    {
        Services = services;
        Directory = directory;
        Pack = pack;
    }

    public ServiceProvider Services { get; }

    public string Directory { get; }

    public CountingPack Pack { get; }

    public string AuditPath => Path.Combine(Directory, "audit", "audit.jsonl");

    public static AgentTestHost Create(FakeTimeProvider? time = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "burly-ai-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var policyFile = Path.Combine(directory, "tools.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "agent-policy.yaml"), policyFile);
        var pack = new CountingPack();
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
        }).AddToolPack<CountingPackAdapter>();
        return new AgentTestHost(services.BuildServiceProvider(), directory, pack);
    }

    public IReadOnlyList<JsonObject> ReadAudit() =>
        File.Exists(AuditPath)
            ? File.ReadAllLines(AuditPath).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).Where(r => (string?)r["event_type"] == "tool_call").ToList()
            : [];

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

/// <summary>Tools that count their runs.</summary>
public sealed class CountingPack
{
    private int _changes;

    public int Changes => _changes;

    public IEnumerable<ToolDefinition> GetTools()
    {
        yield return new ToolDefinition
        {
            Name = "look",
            Description = "Look.",
            Idempotent = true,
            Handler = (ctx, _) => ValueTask.FromResult(ToolResult.Ok("looked", new JsonObject { ["target"] = ctx.GetString("target"), ["state"] = "running" })),
        };
        foreach (var name in new[] { "change", "change_strict" })
        {
            yield return new ToolDefinition
            {
                Name = name,
                Description = "Change.",
                Mutates = true,
                Handler = (ctx, _) =>
                {
                    Interlocked.Increment(ref _changes);
                    return ValueTask.FromResult(ToolResult.Ok("changed", new JsonObject { ["target"] = ctx.GetString("target") }));
                },
            };
        }

        yield return new ToolDefinition
        {
            Name = "admin_only",
            Description = "Admin.",
            Handler = (_, _) => ValueTask.FromResult(ToolResult.Ok("admin")),
        };
    }
}

public sealed class CountingPackAdapter(CountingPack pack) : IToolPack
{
    public IEnumerable<ToolDefinition> GetTools() => pack.GetTools();
}
