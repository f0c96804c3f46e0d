using System.Text.RegularExpressions;
using Burly.Host.Http.Tests.Infrastructure;

namespace Burly.Host.Http.Tests.Hosting;

/// <summary>The built host refuses to start with an unsafe or invalid configuration (exit 1, every problem printed).</summary>
[NonParallelizable]
public sealed partial class StartupTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task AllInterfacesWithoutKey_ExitsWithCode1()
    {
        using var directory = new TempDirectory();
        await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
        {
            ["HOST"] = "0.0.0.0",
            ["BURLY_DATA_DIR"] = directory.Path,
        }, waitUntilListening: false);

        var exitCode = await host.WaitForExitAsync(ExitTimeout);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(host.Output, Does.Contain("non-loopback").And.Contain("ALLOW_ANONYMOUS"));
        Assert.That(File.Exists(Path.Combine(directory.Path, "audit", "audit.jsonl")), Is.False, "nothing may be created before the configuration is valid");
    }

    [Test]
    public async Task AllInterfacesWithAllowAnonymous_StartsAndStopsCleanly()
    {
        using var directory = new TempDirectory();
        await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
        {
            ["HOST"] = "0.0.0.0",
            ["ALLOW_ANONYMOUS"] = "true",
            ["BURLY_DATA_DIR"] = directory.Path,
        });

        host.SendSigterm();

        Assert.That(await host.WaitForExitAsync(ExitTimeout), Is.EqualTo(0));
        Assert.That(host.Output, Does.Contain("Authentication: none").And.Contain("ALLOW_ANONYMOUS=true"));
    }

    [Test]
    public async Task SeveralBadValues_ExitsWithCode1ListingEveryProblem()
    {
        using var directory = new TempDirectory();
        await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
        {
            ["RATE_LIMIT_DISABLED"] = "maybe",
            ["MAX_REQUEST_SIZE"] = "huge",
            ["BURLY_DATA_DIR"] = directory.Path,
        }, waitUntilListening: false);

        var exitCode = await host.WaitForExitAsync(ExitTimeout);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(host.Output, Does.Contain("RATE_LIMIT_DISABLED").And.Contain("MAX_REQUEST_SIZE"));
    }

    [Test]
    public async Task InvalidKeysFile_ExitsWithCode1NamingTheLineNotTheKey()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("keys"), "ops:0123456789abcdef-topsecret:superuser\n");
        await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
        {
            ["BURLY_API_KEYS_FILE"] = directory.File("keys"),
            ["BURLY_DATA_DIR"] = directory.Path,
        }, waitUntilListening: false);

        var exitCode = await host.WaitForExitAsync(ExitTimeout);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(host.Output, Does.Contain("keys:1").And.Contain("superuser"));
        Assert.That(host.Output, Does.Not.Contain("topsecret"));
    }

    [Test]
    public async Task WithKeys_StartupSummaryCountsKeysWithoutShowingThem()
    {
        using var directory = new TempDirectory();
        await using var host = await HostProcess.StartAsync(TestPaths.HostDll, new Dictionary<string, string?>
        {
            ["BURLYMCP_API_KEY"] = "0123456789abcdef-summarysecret",
            ["BURLY_API_KEYS"] = "ci:0123456789abcdef-cisecret:ro",
            ["BURLY_DATA_DIR"] = directory.Path,
        });

        var keys = await host.WaitForLineAsync(KeysLine());
        var policy = await host.WaitForLineAsync(PolicyLine());

        Assert.That(keys.Value, Does.Contain("2 API key(s)").And.Contain("ci (read-only)"));
        Assert.That(policy.Groups[1].Value, Is.EqualTo("11"), "the built-in policy exposes the 11 built-in tools (see tools-list.snapshot.json)");
        Assert.That(host.Output, Does.Not.Contain("summarysecret").And.Not.Contain("cisecret"));
        Assert.That(host.Output, Does.Contain("Audit log: " + Path.Combine(directory.Path, "audit", "audit.jsonl")));
    }

    [GeneratedRegex("Authentication: .*")]
    private static partial Regex KeysLine();

    [GeneratedRegex(@"Policy: .*; (\d+) tools")]
    private static partial Regex PolicyLine();
}
