using Burly.Configuration;
using Microsoft.Extensions.Configuration;

namespace Burly.Core.Tests.Configuration;

public sealed class LegacyEnvironmentVariablesTests
{
    private static IEnumerable<TestCaseData> Pairs() => PairValues.Select(p => new TestCaseData(p.Flat, p.DotNet, p.Value).SetArgDisplayNames(p.Flat));

    private static readonly (string Flat, string DotNet, string Value)[] PairValues =
    [
        ("POLICY_FILE", "Burly__Policy__File", "/config/policy/tools.yaml"),
        ("AUDIT_LOG_PATH", "Burly__Audit__Path", "/var/log/agentops/audit.jsonl"),
        ("BLOG_STAGE_ROOT", "Burly__Blog__StageRoot", "/data/stage"),
        ("DOCKER_TIMEOUT", "Burly__Docker__TimeoutSeconds", "12"),
        ("MAX_CONCURRENT_TOOLS", "Burly__Limits__MaxConcurrentTools", "4"),
        ("PORT", "Burly__Http__Port", "9500"),
        ("GOTIFY_URL", "Burly__Notifications__Gotify__Url", "http://gotify"),
        ("RATE_LIMIT_DISABLED", "Burly__Http__RateLimitDisabled", "true"),
    ];

    private static BurlyOptions Bind(IConfiguration configuration)
    {
        var options = new BurlyOptions();
        configuration.GetSection(BurlyOptions.SectionName).Bind(options);
        return options;
    }

    private static string Snapshot(BurlyOptions o) => System.Text.Json.JsonSerializer.Serialize(o);

    // Packs and the HTTP host bind their own sections (Burly:Docker, Burly:Blog, Burly:Http): compare the keys too.
    private static string Snapshot(IConfiguration c) =>
        Snapshot(Bind(c)) + string.Join(";", c.AsEnumerable().Where(kv => kv.Value is not null).OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).Select(kv => kv.Key.ToUpperInvariant() + "=" + kv.Value));

    [TestCaseSource(nameof(Pairs))]
    public void FlatName_BindsTheSameOptionAsTheDotNetName(string flatName, string dotNetName, string value)
    {
        var pair = (Flat: flatName, DotNet: dotNetName, Value: value);
        var flat = new ConfigurationBuilder().AddBurlyLegacyEnvironmentVariables(new Dictionary<string, string> { [pair.Flat] = pair.Value }).Build();
        var dotnet = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [pair.DotNet.Replace("__", ":", StringComparison.Ordinal)] = pair.Value }).Build();

        Assert.That(Snapshot(flat), Is.EqualTo(Snapshot(dotnet)));
        Assert.That(Snapshot(flat), Is.Not.EqualTo(Snapshot(new BurlyOptions())));
    }

    [TestCase("yes", true)]
    [TestCase("on", true)]
    [TestCase("1", true)]
    [TestCase("no", false)]
    [TestCase("off", false)]
    [TestCase("0", false)]
    public void FlatBoolean_AcceptsPythonSpellings(string value, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddBurlyLegacyEnvironmentVariables(new Dictionary<string, string> { ["NOTIFICATIONS_ENABLED"] = value }).Build();

        Assert.That(Bind(configuration).Notifications.Enabled, Is.EqualTo(expected));
    }

    [Test]
    public void FlatList_IsSplitOnCommas()
    {
        var configuration = new ConfigurationBuilder().AddBurlyLegacyEnvironmentVariables(new Dictionary<string, string> { ["NOTIFICATION_PROVIDERS"] = "gotify, webhook" }).Build();

        Assert.That(Bind(configuration).Notifications.Providers, Is.EqualTo(new[] { "gotify", "webhook" }));
    }

    [Test]
    public void DotNetName_WinsOverFlatNameWhenAddedLater()
    {
        var configuration = new ConfigurationBuilder()
            .AddBurlyLegacyEnvironmentVariables(new Dictionary<string, string> { ["PORT"] = "9500" })
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Burly:Http:Port"] = "9600" })
            .Build();

        Assert.That(configuration["Burly:Http:Port"], Is.EqualTo("9600"));
    }
}
