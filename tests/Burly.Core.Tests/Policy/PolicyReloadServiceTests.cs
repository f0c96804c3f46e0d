using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Core.Tests.Policy;

public sealed class PolicyReloadServiceTests
{
    private string _dir = null!;
    private string _policy = null!;
    private ServiceProvider _services = null!;
    private PolicyReloadService _reload = null!;
    private PolicyStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = OpsTestHost.CreateTempDirectory();
        _policy = Path.Combine(_dir, "tools.yaml");
        File.Copy(OpsTestHost.TestData("ops-policy.yaml"), _policy);
        _services = OpsTestHost.Build(_dir, o => o.Policy.File = _policy, more: s => s.AddBurlyPolicyReload());
        _reload = _services.GetRequiredService<PolicyReloadService>();
        _store = _services.GetRequiredService<PolicyStore>();
        Assert.That(_store.Current.Tools.Keys, Does.Contain("echo"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _reload.StopAsync(CancellationToken.None);
        _reload.Dispose();
        await _services.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string WithoutEcho() => File.ReadAllText(_policy)[..File.ReadAllText(_policy).IndexOf("  echo:", StringComparison.Ordinal)];

    private List<JsonObject> Reloads() =>
        new AuditReader(Path.Combine(_dir, "audit", "audit.jsonl")).ReadRecords()
            .Select(r => r.Record).Where(r => AuditFilter.Text(r, "event_type") == AuditEventTypes.PolicyReload).ToList();

    [Test]
    public async Task ReloadAsync_ValidChange_SwappedInAndAudited()
    {
        var changed = 0;
        _store.Changed += (_, _) => changed++;
        await File.WriteAllTextAsync(_policy, WithoutEcho());

        var result = await _reload.ReloadAsync("test");

        Assert.That(result.Result, Is.EqualTo("success"));
        Assert.That(_store.Current.Tools.Keys, Does.Not.Contain("echo"));
        Assert.That(changed, Is.EqualTo(1));
        var audit = Reloads().Single();
        Assert.That(audit["result"]!.GetValue<string>(), Is.EqualTo("success"));
        Assert.That(audit["details"]!["fingerprint"]!.GetValue<string>(), Is.EqualTo(_store.Current.Fingerprint));
    }

    [Test]
    public async Task ReloadAsync_InvalidChange_OldPolicyKeptAndFailureAudited()
    {
        var before = _store.Current;
        await File.WriteAllTextAsync(_policy, File.ReadAllText(_policy).Replace("timeout_sec: 5", "timeout_sec: 9999", StringComparison.Ordinal));

        var result = await _reload.ReloadAsync("test");

        Assert.That(result.Result, Is.EqualTo("failure"));
        Assert.That(result.Problems, Is.Not.Empty);
        Assert.That(_store.Current, Is.SameAs(before));
        var audit = Reloads().Single();
        Assert.That(audit["result"]!.GetValue<string>(), Is.EqualTo("failure"));
        Assert.That(audit["details"]!["problems"]!.GetValue<int>(), Is.EqualTo(result.Problems.Count));
    }

    [Test]
    public async Task ReloadAsync_SameContent_Unchanged()
    {
        var result = await _reload.ReloadAsync("test");

        Assert.That(result.Result, Is.EqualTo("unchanged"));
    }

    [Test]
    public async Task FileWatch_PolicyFileReplaced_ReloadedWithoutSignal()
    {
        var reloaded = new TaskCompletionSource<PolicyReloadResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _reload.Reloaded += (_, r) => reloaded.TrySetResult(r);
        await _reload.StartAsync(CancellationToken.None);

        // Replace by rename, as editors and ConfigMap updates do.
        var temp = _policy + ".tmp";
        await File.WriteAllTextAsync(temp, WithoutEcho());
        File.Move(temp, _policy, overwrite: true);

        var result = await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(result.Result, Is.EqualTo("success"));
        Assert.That(_store.Current.Tools.Keys, Does.Not.Contain("echo"));
    }
}
