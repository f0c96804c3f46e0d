using System.Reflection;

namespace Burly.Host.Http.Tests.Infrastructure;

/// <summary>Paths of test data and of the built hosts.</summary>
internal static class TestPaths
{
    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static string Policy => TestData("policy.yaml");

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Burly.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Burly.sln not found above the test directory.");
        }
    }

    public static string Configuration =>
        typeof(TestPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The real host (src/Burly.Host.Http).</summary>
    public static string HostDll => Built("src/Burly.Host.Http", "Burly.Host.Http.dll");

    /// <summary>The host plus the test tool pack.</summary>
    public static string TestHostDll => Built("tests/TestHosts/Burly.Host.Http.TestHost", "Burly.Host.Http.TestHost.dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(RepositoryRoot, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} ({Configuration}) first.", path);
    }
}
