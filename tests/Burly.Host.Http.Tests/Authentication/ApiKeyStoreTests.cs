using Burly.Configuration;
using Burly.Host.Http.Authentication;
using Burly.Host.Http.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Burly.Host.Http.Tests.Authentication;

/// <summary>Key sources, the entry format and constant-time lookup.</summary>
public sealed class ApiKeyStoreTests
{
    private static ApiKeyStore Store(Action<HttpHostOptions> configure)
    {
        var options = new HttpHostOptions();
        configure(options);
        return new ApiKeyStore(Options.Create(options));
    }

    [Test]
    public void Keys_SingleApiKey_IsNamedDefaultWithFullAccess()
    {
        var store = Store(h => h.ApiKey = "0123456789abcdef-single");

        var key = store.Keys.Single();

        Assert.That(key.UserId, Is.EqualTo("apikey:default"));
        Assert.That(key.ReadOnly, Is.False);
        Assert.That(key.ToolScopes, Is.Null);
    }

    [Test]
    public void Keys_EntryWithScope_ParsesReadOnlyAndTools()
    {
        var store = Store(h => h.ApiKeys = "bot:0123456789abcdef-bot:ro+tools=docker_*|disk_space");

        var key = store.Keys.Single();

        Assert.That(key.ReadOnly, Is.True);
        Assert.That(key.ToolScopes, Is.EqualTo(new[] { "docker_*", "disk_space" }));
        Assert.That(key.DescribeScope(), Is.EqualTo("read-only, tools=docker_*|disk_space"));
    }

    [Test]
    public void Find_RightKey_ReturnsItsCredential()
    {
        var store = Store(h => h.ApiKeys = "a:0123456789abcdef-aaaa,b:0123456789abcdef-bbbb");

        Assert.That(store.Find("0123456789abcdef-bbbb")?.Name, Is.EqualTo("b"));
    }

    [Test]
    public void Find_WrongKey_ReturnsNull()
    {
        var store = Store(h => h.ApiKeys = "a:0123456789abcdef-aaaa");

        Assert.That(store.Find("0123456789abcdef-aaab"), Is.Null);
    }

    [Test]
    public void Keys_NoneConfigured_IsAnonymous()
    {
        Assert.That(Store(_ => { }).IsAnonymous, Is.True);
    }

    [Test]
    public void Keys_DuplicateNames_ThrowsNamingBothSourcesWithoutKeys()
    {
        var store = Store(h =>
        {
            h.ApiKey = "0123456789abcdef-first";
            h.ApiKeys = "default:0123456789abcdef-second";
        });

        var error = Assert.Throws<ApiKeyConfigurationException>(() => _ = store.Keys);

        Assert.That(error!.Problems.Single(), Does.Contain("'default'").And.Contain("BURLYMCP_API_KEY").And.Contain("BURLY_API_KEYS entry 1"));
        Assert.That(error.Message, Does.Not.Contain("0123456789abcdef"));
    }

    [Test]
    public void Keys_FileWithBadLines_ReportsEveryLineWithoutKeys()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("keys"), "# comment\n\nok:0123456789abcdef-ok\nbroken-line-secretvalue\nx:0123456789abcdef-x:superuser\n");
        var store = Store(h => h.ApiKeysFile = dir.File("keys"));

        var error = Assert.Throws<ApiKeyConfigurationException>(() => _ = store.Keys);

        Assert.That(error!.Problems, Has.Count.EqualTo(2));
        Assert.That(error.Problems[0], Does.StartWith("keys:4"));
        Assert.That(error.Problems[1], Does.StartWith("keys:5").And.Contain("unknown scope item 'superuser'"));
        Assert.That(error.Message, Does.Not.Contain("secretvalue").And.Not.Contain("0123456789abcdef"));
    }

    [Test]
    public void Keys_SameKeyTwice_IsRejected()
    {
        var store = Store(h => h.ApiKeys = "a:0123456789abcdef-same,b:0123456789abcdef-same");

        Assert.That(() => store.Keys, Throws.TypeOf<ApiKeyConfigurationException>().With.Message.Contains("same key"));
    }

    [Test]
    public void Warnings_ShortKey_IsReported()
    {
        var store = Store(h => h.ApiKey = "short");

        Assert.That(store.Warnings.Single(), Does.Contain("shorter than 16"));
    }
}
