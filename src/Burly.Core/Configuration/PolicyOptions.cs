namespace Burly.Configuration;

/// <summary>Where the tool policy comes from.</summary>
public sealed class PolicyOptions
{
    /// <summary>Gets or sets the policy YAML file (<c>POLICY_FILE</c>).</summary>
    /// <value>The default value is <see langword="null"/>: the embedded default policy is used.</value>
    public string? File { get; set; }

    /// <summary>Gets or sets the directory of <c>*.yaml</c>/<c>*.yml</c> policy packs merged after the file (<c>POLICY_DIR</c>).</summary>
    /// <value>The default value is <see langword="null"/> (no directory).</value>
    public string? Directory { get; set; }

    /// <summary>Gets or sets a value indicating whether policy files are watched and reloaded on change.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Watch { get; set; } = true;
}
