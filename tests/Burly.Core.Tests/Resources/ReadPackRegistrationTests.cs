using Burly.Policy;
using Burly.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Core.Tests.Resources;

/// <summary>Read packs registered through the builder may depend on the policy they are checked against.</summary>
public sealed class ReadPackRegistrationTests
{
    [Test]
    public void Current_ResourcePackDependsOnPolicyProvider_LoadsPolicyNamingItsResource()
    {
        var directory = Directory.CreateTempSubdirectory("burly-readpack-");
        try
        {
            var policyFile = Path.Combine(directory.FullName, "tools.yaml");
            File.WriteAllText(policyFile, "tools:\n  echo: {}\nresources:\n  policy_aware: {}\n");
            var services = new ServiceCollection();
            services.AddBurly(o =>
            {
                o.DataDirectory = directory.FullName;
                o.Policy.File = policyFile;
            }).AddToolPack<TestSupport.TestToolPackAdapter>().AddResourcePack<PolicyAwarePack>();
            services.AddSingleton(new TestSupport.TestToolPack());
            using var provider = services.BuildServiceProvider();

            // Run off the test thread: a dependency cycle hidden behind factories recurses forever instead of throwing.
            var load = Task.Run(() => provider.GetRequiredService<IPolicyProvider>().Current);

            Assert.That(load.Wait(TimeSpan.FromSeconds(30)), Is.True, "resolving the policy did not finish (a dependency cycle between the policy loader and the read packs)");
            Assert.That(load.Result.Resources.Keys, Does.Contain("policy_aware"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private sealed class PolicyAwarePack(IPolicyProvider policy) : IResourcePack
    {
        public IEnumerable<ResourceDefinition> GetResources() =>
        [
            new ResourceDefinition
            {
                Name = "policy_aware",
                Uri = "test://policy-aware",
                Read = (_, _) => throw new NotSupportedException(policy.Current.Fingerprint),
            },
        ];
    }
}
