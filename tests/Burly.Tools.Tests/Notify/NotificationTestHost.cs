using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.Hosting;
using Burly.Metrics;
using Burly.Notifications;
using Burly.Pipeline;
using Burly.ToolPacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Burly.Core.Tests.Notifications;

/// <summary>Real Burly services (AddBurly) with a small test tool pack, the hosted notification dispatcher running, and notification metrics captured.</summary>
public sealed class NotificationTestHost : IAsyncDisposable
{
    /// <summary>A policy with test tools and generous rate limits; tests override pieces by passing their own YAML.</summary>
    public const string DefaultPolicy = """
        config:
          notifications:
            gotify:
              priorities: { success: 3, failure: 8, need_confirm: 5, security_violation: 10 }
            rate_limit: { max_per_minute: 1000, max_per_hour: 10000 }
        tools:
          echo_test:
            notify: [success, failure]
            args_schema: { type: object, properties: { fail: { type: boolean } }, additionalProperties: false }
          quiet_test:
            notify: [failure]
          confirm_test:
            mutates: true
            requires_confirm: true
            notify: [need_confirm]
          escape_test:
            notify: []
        """;

    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Provider, string Result)> _measurements = new();
    private readonly List<IHostedService> _hosted;
    private readonly string _dir;

    private NotificationTestHost(ServiceProvider services, List<IHostedService> hosted, string dir)
    {
        _services = services;
        _hosted = hosted;
        _dir = dir;
        var metrics = services.GetRequiredService<BurlyMetrics>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument, metrics.Notifications))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? provider = null, result = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "provider")
                {
                    provider = tag.Value as string;
                }
                else if (tag.Key == "result")
                {
                    result = tag.Value as string;
                }
            }

            for (var i = 0; i < value; i++)
            {
                _measurements.Enqueue((provider!, result!));
            }
        });
        _listener.Start();
    }

    public ToolCallPipeline Pipeline => _services.GetRequiredService<ToolCallPipeline>();

    public NotificationManager Manager => _services.GetRequiredService<NotificationManager>();

    public IServiceProvider Services => _services;

    public static async Task<NotificationTestHost> StartAsync(Action<BurlyOptions> configure, string policyYaml = DefaultPolicy, TimeProvider? time = null, bool startDispatcher = true, Action<IBurlyBuilder>? more = null,
        Action<GotifyOptions>? gotify = null, Action<WebhookOptions>? webhook = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "burly-notify-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var policy = Path.Combine(dir, "policy.yaml");
        await File.WriteAllTextAsync(policy, policyYaml);
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var builder = services.AddBurly(o =>
        {
            o.DataDirectory = Path.Combine(dir, "data");
            o.Policy.File = policy;
            o.Notifications.Enabled = true;
            o.Notifications.Providers = ["gotify"];
            configure(o);
        }).AddGotifyNotifications(gotify).AddWebhookNotifications(webhook).AddToolPack<TestToolPack>();
        more?.Invoke(builder);
        var provider = services.BuildServiceProvider();
        var hosted = new List<IHostedService>();
        if (startDispatcher)
        {
            foreach (var service in provider.GetServices<IHostedService>())
            {
                await service.StartAsync(CancellationToken.None);
                hosted.Add(service);
            }
        }

        return new NotificationTestHost(provider, hosted, dir);
    }

    public int Count(string provider, string result) => _measurements.Count(m => m.Provider == provider && m.Result == result);

    public Task<ToolCallOutcome> CallAsync(string tool, JsonObject? args = null) =>
        Pipeline.InvokeAsync(new ToolCallRequest
        {
            ToolName = tool,
            Arguments = JsonDocument.Parse((args ?? []).ToJsonString()).RootElement.Clone(),
            Caller = CallerContext.Local("test"),
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        _listener.Dispose();
        await _services.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Tools for notification tests: echo_test (fails on request), quiet_test, confirm_test, escape_test (reports a path escape).</summary>
    private sealed class TestToolPack : IToolPack
    {
        public IEnumerable<ToolDefinition> GetTools()
        {
            yield return new ToolDefinition
            {
                Name = "echo_test",
                Description = "Echo.",
                Handler = (context, _) => context.GetBoolean("fail")
                    ? throw new ToolException(BurlyErrorCodes.ToolFailed, "It failed as asked.")
                    : ValueTask.FromResult(ToolResult.Ok("Echoed")),
            };
            yield return new ToolDefinition { Name = "quiet_test", Description = "Quiet.", Handler = (_, _) => ValueTask.FromResult(ToolResult.Ok("Quiet")) };
            yield return new ToolDefinition { Name = "confirm_test", Description = "Change something", Mutates = true, Handler = (_, _) => ValueTask.FromResult(ToolResult.Ok("Changed")) };
            yield return new ToolDefinition
            {
                Name = "escape_test",
                Description = "Escape.",
                Handler = async (context, ct) =>
                {
                    await context.Security.ReportAsync("path_escape", context.ToolName, new JsonObject { ["path"] = "../etc/passwd", ["reason"] = "parent_directory" }, ct);
                    throw new ToolException(BurlyErrorCodes.PathOutsideRoot, "Outside.");
                },
            };
        }
    }
}
