namespace Burly.Health;

/// <summary>The names of Burly's health checks, as they appear under <c>checks</c> in the health report.</summary>
public static class BurlyHealthCheckNames
{
    /// <summary>The configuration check.</summary>
    public const string Config = "config";

    /// <summary>The policy check.</summary>
    public const string Policy = "policy";

    /// <summary>The audit log check.</summary>
    public const string Audit = "audit";

    /// <summary>The Docker engine check.</summary>
    public const string Docker = "docker";

    /// <summary>The blog directories check.</summary>
    public const string Blog = "blog";

    /// <summary>The notifications check.</summary>
    public const string Notifications = "notifications";

    /// <summary>The tag every Burly check carries (so hosts can select them).</summary>
    public const string Tag = "burly";
}
