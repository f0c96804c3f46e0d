using Burly.Configuration;
using FluentValidation;

namespace Burly.Core.Tests.Configuration;

/// <summary>The validator skips the Burly rules for unconfigured values: sound only while the defaults pass every rule.</summary>
public sealed class BurlyOptionsRulesTests
{
    [Test]
    public void Validate_DefaultOptions_PassEveryRule()
    {
        var result = new BurlyOptionsRules().Validate(new BurlyOptions());

        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Applies_DefaultOptions_IsFalse()
    {
        Assert.That(BurlyOptionsRules.Applies(new BurlyOptions()), Is.False);
    }

    [TestCase("LogLevel")]
    [TestCase("Arguments")]
    [TestCase("File")]
    [TestCase("Directory")]
    public void Applies_ValueTheRulesCheckIsSet_IsTrue(string property)
    {
        var options = new BurlyOptions();
        switch (property)
        {
            case "LogLevel": options.LogLevel = "Debug"; break;
            case "Arguments": options.Audit.Arguments = "hash_only"; break;
            case "File": options.Policy.File = "tools.yaml"; break;
            default: options.Policy.Directory = "policies"; break;
        }

        Assert.That(BurlyOptionsRules.Applies(options), Is.True);
    }

    [Test]
    public void Validate_UnknownAuditArgumentMode_IsStillReported()
    {
        var options = new BurlyOptions();
        options.Audit.Arguments = "plain";

        Assert.That(BurlyConfigValidator.Validate(options).Select(p => p.Message), Has.Member("Unknown audit argument mode."));
    }
}
