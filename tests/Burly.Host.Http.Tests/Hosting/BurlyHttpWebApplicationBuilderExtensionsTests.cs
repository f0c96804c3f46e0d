using Burly.Host.Http.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Burly.Host.Http.Tests.Hosting;

/// <summary>What the stand-alone host registers on top of the MCP endpoint.</summary>
public sealed class BurlyHttpWebApplicationBuilderExtensionsTests
{
    [Test]
    public void AddBurlyHttpHost_NoSchemeProtectsData_KeyRingIsNotBuiltAtStart()
    {
        using var factory = new BurlyHttpFactory();

        var hosted = factory.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        Assert.That(hosted, Is.Not.Empty);
        Assert.That(hosted, Has.None.EqualTo("DataProtectionHostedService"), "Data Protection's hosted service loads the XML key ring (System.Private.Xml) at start");
    }

    [Test]
    public void AddBurlyHttpHost_SomethingProtectsData_StillWorks()
    {
        using var factory = new BurlyHttpFactory();
        var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        Assert.That(protector.Unprotect(protector.Protect("secret")), Is.EqualTo("secret"));
    }
}
