using System.Reflection;

namespace Burly;

/// <summary>Build information about the running Burly.</summary>
public static class BurlyInfo
{
    /// <summary>Gets the informational version of Burly.Core.</summary>
    public static string Version { get; } =
        (typeof(BurlyInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0").Split('+')[0];
}
