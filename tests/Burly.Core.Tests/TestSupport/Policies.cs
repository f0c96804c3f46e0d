namespace Burly.Core.Tests.TestSupport;

/// <summary>Reads policy files from TestData folders next to the tests.</summary>
public static class Policies
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relativePath));

    public static string Standard => Read("Pipeline/TestData/standard-policy.yaml");
}
