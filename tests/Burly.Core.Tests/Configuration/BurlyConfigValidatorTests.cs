using Burly.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Core.Tests.Configuration;

public sealed class BurlyConfigValidatorTests
{
    private static IReadOnlyList<ConfigProblem> ValidateFlat(params (string Name, string Value)[] variables)
    {
        var env = variables.ToDictionary(v => v.Name, v => v.Value);
        var configuration = new ConfigurationBuilder().AddBurlyLegacyEnvironmentVariables(env).Build();
        var services = new ServiceCollection();
        services.AddBurly().AddBuiltInTools().AddBurlyHttpOptions();
        return BurlyConfigValidator.Validate(configuration, services);
    }

    [Test]
    public void Validate_Defaults_ReportsNothing()
    {
        Assert.That(ValidateFlat(), Is.Empty);
    }

    [Test]
    public void Validate_BadBoolean_ReportsKeyValueAndFix()
    {
        var problem = ValidateFlat(("AUDIT_ENABLED", "maybe")).Single();

        Assert.That(problem.Key, Is.EqualTo("Burly:Audit:Enabled (AUDIT_ENABLED)"));
        Assert.That(problem.Value, Is.EqualTo("maybe"));
        Assert.That(problem.Fix, Does.Contain("true or false"));
    }

    [Test]
    public void Validate_BadInteger_IsAnErrorNotASilentDefault()
    {
        var problem = ValidateFlat(("MAX_CONCURRENT_TOOLS", "ten")).Single();

        Assert.That(problem.Message, Does.Contain("not a valid whole number"));
    }

    [Test]
    public void Validate_OutOfRangeInteger_IsReported()
    {
        var problem = ValidateFlat(("MAX_CONCURRENT_TOOLS", "0")).Single();

        Assert.That(problem.Key, Does.StartWith("Burly:Limits:MaxConcurrentTools"));
    }

    [Test]
    public void Validate_GotifyEnabledWithoutUrlOrToken_ReportsBoth()
    {
        var problems = ValidateFlat(("NOTIFICATIONS_ENABLED", "true"), ("NOTIFICATION_PROVIDERS", "gotify"));

        Assert.That(problems.Select(p => p.Message), Has.Some.Contains("GOTIFY_URL").And.Some.Contains("no token"));
    }

    [Test]
    public void Validate_WebhookEnabledWithoutUrl_IsReported()
    {
        var problem = ValidateFlat(("NOTIFICATIONS_ENABLED", "yes"), ("NOTIFICATION_PROVIDERS", "console,webhook")).Single();

        Assert.That(problem.Message, Does.Contain("WEBHOOK_NOTIFICATION_URL"));
    }

    [Test]
    public void Validate_UnknownProvider_IsReported()
    {
        var problem = ValidateFlat(("NOTIFICATION_PROVIDERS", "console,pager")).Single();

        Assert.That(problem.Message, Does.StartWith("Unknown notification provider 'pager'").And.Contain("registered: console, gotify, webhook"));
    }

    [Test]
    public void Validate_NonLoopbackHostWithoutKey_IsReported()
    {
        var problem = ValidateFlat(("HOST", "0.0.0.0")).Single();

        Assert.That(problem.Fix, Does.Contain("ALLOW_ANONYMOUS=true"));
    }

    [Test]
    public void Validate_NonLoopbackHostWithKey_IsValid()
    {
        Assert.That(ValidateFlat(("HOST", "0.0.0.0"), ("BURLYMCP_API_KEY", "s3cret-value")), Is.Empty);
    }

    [Test]
    public void Validate_UnknownLogLevel_IsReported()
    {
        Assert.That(ValidateFlat(("LOG_LEVEL", "LOUD")).Single().Message, Is.EqualTo("Unknown log level."));
    }

    [Test]
    public void Validate_MissingPolicyFile_IsReported()
    {
        Assert.That(ValidateFlat(("POLICY_FILE", "/nonexistent/tools.yaml")).Single().Message, Is.EqualTo("The policy file does not exist."));
    }

    [Test]
    public void Validate_MissingPolicyDirectory_IsReported()
    {
        Assert.That(ValidateFlat(("POLICY_DIR", "/nonexistent/tools.d")).Single().Message, Is.EqualTo("The policy directory does not exist."));
    }

    [Test]
    public void Validate_BadApiKeysFormat_IsReportedWithTheSecretMasked()
    {
        var problem = ValidateFlat(("BURLY_API_KEYS", "justakey")).Single();

        Assert.That(problem.Value, Is.EqualTo(SecretMasker.Mask));
        Assert.That(problem.ToString(), Does.Not.Contain("justakey"));
    }

    [Test]
    public void Validate_MetricsPortEqualToPort_IsReported()
    {
        Assert.That(ValidateFlat(("PORT", "8080"), ("METRICS_PORT", "8080")).Single().Message, Is.EqualTo("METRICS_PORT must differ from PORT."));
    }

    [Test]
    public void Validate_BadDockerHost_IsReported()
    {
        Assert.That(ValidateFlat(("DOCKER_HOST", "ftp://nowhere")).Single().Message, Does.Contain("DOCKER_HOST"));
    }

    [Test]
    public void Validate_UnknownAuditArgumentMode_IsReported()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Burly:Audit:Arguments"] = "everything" }).Build();

        Assert.That(BurlyConfigValidator.Validate(configuration).Single().Message, Is.EqualTo("Unknown audit argument mode."));
    }

    [Test]
    public void Validate_SeveralProblems_ReturnsAllAtOnce()
    {
        var problems = ValidateFlat(("PORT", "x"), ("AUDIT_ENABLED", "2"), ("LOG_LEVEL", "LOUD"), ("HOST", "10.0.0.1"));

        Assert.That(problems, Has.Count.EqualTo(4));
    }

    [Test]
    public void Validate_OutOfRangeInEverySection_ReportsEachWithKeyValueAndMessage()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Burly:Audit:MaxFileAgeHours"] = "-1",
            ["Burly:Limits:MaxConcurrentTools"] = "0",
            ["Burly:Notifications:QueueCapacity"] = "0",
            ["Burly:Notifications:Gotify:TimeoutSeconds"] = "0",
            ["Burly:Notifications:Webhook:TimeoutSeconds"] = "121",
            ["Burly:Metrics:Port"] = "70000",
            ["Burly:Confirmation:TtlSeconds"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddBurly().AddBuiltInTools();

        var problems = BurlyConfigValidator.Validate(configuration, services);

        Assert.That(problems.Select(p => p.Key.Split(' ')[0]), Is.EquivalentTo(new[]
        {
            "Burly:Audit:MaxFileAgeHours", "Burly:Limits:MaxConcurrentTools", "Burly:Notifications:QueueCapacity",
            "Burly:Notifications:Gotify:TimeoutSeconds", "Burly:Notifications:Webhook:TimeoutSeconds", "Burly:Metrics:Port", "Burly:Confirmation:TtlSeconds",
        }));
        var limits = problems.Single(p => p.Key.StartsWith("Burly:Limits:", StringComparison.Ordinal));
        Assert.That(limits.Value, Is.EqualTo("0"));
        Assert.That(limits.Message, Is.EqualTo("The field MaxConcurrentTools must be between 1 and 1000."));
    }

    [Test]
    public void Validate_IsPure_CreatesNothingOnDisk()
    {
        var dir = Path.Combine(Path.GetTempPath(), "burly-pure-" + Guid.NewGuid().ToString("N"));

        ValidateFlat(("BURLY_DATA_DIR", dir), ("AUDIT_LOG_PATH", Path.Combine(dir, "a", "audit.jsonl")), ("BLOG_STAGE_ROOT", Path.Combine(dir, "stage")));

        Assert.That(Directory.Exists(dir), Is.False);
    }
}
