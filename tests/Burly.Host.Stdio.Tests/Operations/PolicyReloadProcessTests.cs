using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Stdio.Tests.Operations;

/// <summary>A real <c>burly</c> stdio server and the SDK client: policy edits reach the client as list_changed.</summary>
public sealed class PolicyReloadProcessTests
{
    private string _dir = null!;
    private string _policy = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = BurlyProcess.CreateTempDirectory();
        _policy = Path.Combine(_dir, "policy", "tools.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(_policy)!);
        File.Copy(BurlyProcess.TestData("reload-policy.yaml"), _policy);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private async Task<McpClient> StartAsync(string? protocolVersion = null)
    {
        var env = BurlyProcess.Environment(_dir);
        env["POLICY_FILE"] = _policy;
        return await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [BurlyProcess.Dll],
            EnvironmentVariables = env,
            Name = "burly",
        }), new McpClientOptions { ProtocolVersion = protocolVersion });
    }

    private static void Replace(string path, string text)
    {
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    [Test]
    public async Task PolicyEdited_ValidChange_ClientGetsListChangedAndNewList()
    {
        // Protocol 2025-06-18: a stateful stdio session gets list_changed as a plain notification.
        await using var client = await StartAsync("2025-06-18");
        var changed = ListenForListChanged(client, out var handler);
        await using var _ = handler;
        Assert.That((await client.ListToolsAsync()).Single().Description, Is.EqualTo("Disk space, version 1."));

        Replace(_policy, File.ReadAllText(_policy).Replace("version 1", "version 2", StringComparison.Ordinal));

        await changed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That((await client.ListToolsAsync()).Single().Description, Is.EqualTo("Disk space, version 2."));
    }

    [Test]
    public async Task PolicyEdited_ValidChange_Protocol20260728SubscriberGetsListChanged()
    {
        // Protocol 2026-07-28 has no sessions: a client opts in with a long-lived subscriptions/listen request.
        await using var client = await StartAsync();
        Assert.That(client.NegotiatedProtocolVersion, Is.EqualTo("2026-07-28"));
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ack = client.RegisterNotificationHandler(NotificationMethods.SubscriptionsAcknowledgedNotification, (_, _) =>
        {
            acknowledged.TrySetResult();
            return ValueTask.CompletedTask;
        });
        var changed = ListenForListChanged(client, out var handler);
        await using var _ = handler;
        using var listening = new CancellationTokenSource();
        var listen = client.SendRequestAsync(new JsonRpcRequest
        {
            Method = RequestMethods.SubscriptionsListen,
            Params = JsonSerializer.SerializeToNode(new SubscriptionsListenRequestParams { Notifications = new SubscriptionsListenNotifications { ToolsListChanged = true } }, McpJsonUtilities.DefaultOptions),
        }, listening.Token);
        await acknowledged.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Replace(_policy, File.ReadAllText(_policy).Replace("version 1", "version 2", StringComparison.Ordinal));

        await changed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That((await client.ListToolsAsync()).Single().Description, Is.EqualTo("Disk space, version 2."));
        await listening.CancelAsync();
        Assert.That(async () => await listen, Throws.InstanceOf<OperationCanceledException>());
    }

    private static Task ListenForListChanged(McpClient client, out IAsyncDisposable registration)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registration = client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            changed.TrySetResult();
            return ValueTask.CompletedTask;
        });
        return changed.Task;
    }

    [Test]
    public async Task PolicyEdited_InvalidChange_OldPolicyKeptAndFailureAudited()
    {
        await using var client = await StartAsync();

        Replace(_policy, File.ReadAllText(_policy).Replace("timeout_sec: 15", "timeout_sec: 9999", StringComparison.Ordinal).Replace("version 1", "version 2", StringComparison.Ordinal));

        var audit = Path.Combine(_dir, "audit", "audit.jsonl");
        var record = await WaitForAsync(() => File.Exists(audit)
            ? File.ReadLines(audit).Select(l => JsonNode.Parse(l)!).LastOrDefault(r => r["event_type"]!.GetValue<string>() == "policy_reload")
            : null);
        Assert.That(record["result"]!.GetValue<string>(), Is.EqualTo("failure"));
        Assert.That(record["details"]!["problems"]!.GetValue<int>(), Is.GreaterThan(0));
        Assert.That((await client.ListToolsAsync()).Single().Description, Is.EqualTo("Disk space, version 1."));
        var call = await client.CallToolAsync("disk_space", new Dictionary<string, object?>());
        Assert.That(call.IsError, Is.Not.True);
    }

    /// <summary>Polls (bounded) until the server has written what the test waits for.</summary>
    private static Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class => WaitForAsync(() => Task.FromResult(probe()));

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
