using System.Collections.Concurrent;
using Burly.Host.Http.Tests.Infrastructure;
using Burly.Policy;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Http.Tests.Mcp;

/// <summary>
/// A policy reload sends <c>notifications/tools/list_changed</c> only to the stateful sessions whose own (per caller)
/// tools/list changed: the official C# SDK client, one session per API key.
/// </summary>
public sealed class ListChangedPerCallerTests
{
    private const string OpsKey = "ops-key-0123456789abcdef";
    private const string ReaderKey = "reader-key-0123456789abcdef";

    /// <summary>How long a session must stay quiet to count as "not notified" (notifications arrive in milliseconds in process).</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private TempDirectory _dir = null!;
    private string _policy = null!;
    private BurlyHttpFactory _factory = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _policy = _dir.File("policy.yaml");
        File.Copy(TestContext.CurrentContext.Test.Properties.ContainsKey("ReadsPolicy") ? TestPaths.TestData("reads-policy.yaml") : TestPaths.Policy, _policy);
        _factory = new BurlyHttpFactory(new Dictionary<string, string?>
        {
            ["Burly:Policy:File"] = _policy,
            ["Burly:Http:ApiKeys"] = $"ops:{OpsKey},reader:{ReaderKey}:ro",
            ["Burly:Http:Stateless"] = "false",
        });
        _http = _factory.CreateClient();
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _factory.Dispose();
        _dir.Dispose();
    }

    [Test]
    public async Task Reload_OnlyMutatingToolChanged_NotifiesAdminSessionOnly()
    {
        await using var admin = await Session.OpenAsync(_http, _factory.McpEndpoint, OpsKey);
        await using var reader = await Session.OpenAsync(_http, _factory.McpEndpoint, ReaderKey);

        await ReloadAsync(p => p.Replace("Change a test target (mutating, needs confirmation).", "Change a test target, version 2.", StringComparison.Ordinal));

        await admin.NextAsync(Wait);
        Assert.That((await admin.Client.ListToolsAsync()).Single(t => t.Name == "test_mutate").Description, Is.EqualTo("Change a test target, version 2."));
        await Task.Delay(Quiet);
        Assert.That(reader.Count, Is.Zero, "the read-only session cannot see test_mutate, so its tools/list did not change");

        // A change both can see reaches the read-only session too (its channel works; the silence above was deliberate).
        await ReloadAsync(p => p.Replace("Check filesystem disk space usage.", "Disk space, version 2.", StringComparison.Ordinal));
        await reader.NextAsync(Wait);
        await admin.NextAsync(Wait);
        Assert.That((await reader.Client.ListToolsAsync()).Single(t => t.Name == "disk_space").Description, Is.EqualTo("Disk space, version 2."));
    }

    [Test]
    public async Task Reload_NoVisibleChange_NotifiesNobody()
    {
        await using var admin = await Session.OpenAsync(_http, _factory.McpEndpoint, OpsKey);
        await using var reader = await Session.OpenAsync(_http, _factory.McpEndpoint, ReaderKey);

        // A new policy (different fingerprint, swapped in) whose tools look the same to every caller.
        await ReloadAsync(p => p.Replace("output_truncate_limit: 10240", "output_truncate_limit: 20480", StringComparison.Ordinal));

        await Task.Delay(Quiet);
        Assert.That((admin.Count, reader.Count), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Reload_ToolBecomesVisibleToReader_NotifiesBoth()
    {
        await using var admin = await Session.OpenAsync(_http, _factory.McpEndpoint, OpsKey);
        await using var reader = await Session.OpenAsync(_http, _factory.McpEndpoint, ReaderKey);
        Assert.That((await reader.Client.ListToolsAsync()).Select(t => t.Name), Does.Not.Contain("test_ops_only"));

        // test_ops_only loses its allow list: the reader now sees it; the admin saw it already but its definition is the same.
        await ReloadAsync(p => p.Replace("    allow: [ops]\n", string.Empty, StringComparison.Ordinal));

        await reader.NextAsync(Wait);
        Assert.That((await reader.Client.ListToolsAsync()).Select(t => t.Name), Does.Contain("test_ops_only"));
        await Task.Delay(Quiet);
        Assert.That(admin.Count, Is.Zero, "the admin's view is unchanged");
    }

    [Test]
    [Property("ReadsPolicy", "true")]
    public async Task Reload_ReadListsChangeForReaderOnly_ReaderGetsResourcesAndPromptsListChanged()
    {
        await using var admin = await Session.OpenAsync(_http, _factory.McpEndpoint, OpsKey);
        await using var reader = await Session.OpenAsync(_http, _factory.McpEndpoint, ReaderKey);
        Assert.That((await reader.Client.ListResourcesAsync()).Select(r => r.Name), Is.EquivalentTo(new[] { "burly_policy" }));
        Assert.That(await reader.Client.ListPromptsAsync(), Is.Empty);

        // burly_audit_recent and the prompt lose their allow lists: the reader gains both; the admin had both already.
        await ReloadAsync(p => p
            .Replace("burly_audit_recent: { allow: [ops], max_bytes: 2048 }", "burly_audit_recent: { max_bytes: 2048 }", StringComparison.Ordinal)
            .Replace("triage_unhealthy_container: { allow: [\"apikey:ops\"] }", "triage_unhealthy_container: {}", StringComparison.Ordinal));

        await reader.NextAsync(NotificationMethods.ResourceListChangedNotification, Wait);
        await reader.NextAsync(NotificationMethods.PromptListChangedNotification, Wait);
        Assert.That((await reader.Client.ListResourcesAsync()).Select(r => r.Name), Is.EquivalentTo(new[] { "burly_policy", "burly_audit_recent" }));
        Assert.That((await reader.Client.ListPromptsAsync()).Select(p => p.Name), Is.EquivalentTo(new[] { "triage_unhealthy_container" }));

        // A limit change nobody can see in a list.
        await ReloadAsync(p => p.Replace("burly_audit_recent: { max_bytes: 2048 }", "burly_audit_recent: { max_bytes: 4096 }", StringComparison.Ordinal));
        await Task.Delay(Quiet);
        Assert.That(admin.Counts, Is.EqualTo((0, 0, 0)), "the admin's lists never changed");
        Assert.That(reader.Counts, Is.EqualTo((0, 1, 1)));
    }

    /// <summary>Edits the policy file and reloads it now (the file watcher may get there first: then ours is "unchanged").</summary>
    private async Task ReloadAsync(Func<string, string> edit)
    {
        var policy = _factory.Services.GetRequiredService<IPolicyProvider>();
        var fingerprint = policy.Current.Fingerprint;
        var before = await File.ReadAllTextAsync(_policy);
        var after = edit(before);
        Assert.That(after, Is.Not.EqualTo(before), "the edit must change the policy file");
        await File.WriteAllTextAsync(_policy, after);
        var result = await _factory.Services.GetRequiredService<PolicyReloadService>().ReloadAsync("test");
        Assert.That(result.Result, Is.AnyOf("success", "unchanged"), string.Join("; ", result.Problems));
        Assert.That(policy.Current.Fingerprint, Is.Not.EqualTo(fingerprint), "the edited policy was swapped in");
    }

    /// <summary>A stateful SDK client session that counts the list_changed notifications it receives, per method.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private static readonly string[] Methods =
        [
            NotificationMethods.ToolListChangedNotification,
            NotificationMethods.ResourceListChangedNotification,
            NotificationMethods.PromptListChangedNotification,
        ];

        private readonly Dictionary<string, SemaphoreSlim> _received = Methods.ToDictionary(m => m, _ => new SemaphoreSlim(0));
        private readonly ConcurrentDictionary<string, int> _counts = new();
        private readonly List<IAsyncDisposable> _registrations = [];

        private Session(McpClient client) => Client = client;

        public McpClient Client { get; }

        /// <summary>Gets how many tools/list_changed arrived.</summary>
        public int Count => CountOf(NotificationMethods.ToolListChangedNotification);

        /// <summary>Gets every list_changed that arrived: tools, resources, prompts.</summary>
        public (int Tools, int Resources, int Prompts) Counts => (Count, CountOf(NotificationMethods.ResourceListChangedNotification), CountOf(NotificationMethods.PromptListChangedNotification));

        public static async Task<Session> OpenAsync(HttpClient http, Uri endpoint, string key)
        {
            // 2025-11-25: a session-based revision, so list_changed is a plain notification on the session's GET stream.
            var session = new Session(await McpClients.ConnectAsync(http, endpoint, apiKey: key, protocolVersion: "2025-11-25"));
            foreach (var method in Methods)
            {
                session._registrations.Add(session.Client.RegisterNotificationHandler(method, (_, _) =>
                {
                    session._counts.AddOrUpdate(method, 1, (_, n) => n + 1);
                    session._received[method].Release();
                    return ValueTask.CompletedTask;
                }));
            }

            Assert.That(session.Client.SessionId, Is.Not.Null.And.Not.Empty);
            _ = await session.Client.ListToolsAsync();
            return session;
        }

        public int CountOf(string method) => _counts.GetValueOrDefault(method);

        public Task NextAsync(TimeSpan timeout) => NextAsync(NotificationMethods.ToolListChangedNotification, timeout);

        public async Task NextAsync(string method, TimeSpan timeout) =>
            Assert.That(await _received[method].WaitAsync(timeout), Is.True, $"no {method} arrived");

        public async ValueTask DisposeAsync()
        {
            foreach (var registration in _registrations)
            {
                await registration.DisposeAsync();
            }

            await Client.DisposeAsync();
            foreach (var semaphore in _received.Values)
            {
                semaphore.Dispose();
            }
        }
    }
}
