namespace Burly.Tools.Command;

/// <summary>Limits for policy-defined command tools (<c>command:</c> entries).</summary>
public sealed class CommandToolOptions
{
    /// <summary>Gets the directories a command's <c>working_dir</c> must be inside (after resolving symlinks).</summary>
    /// <value>The default value is the system temp directory.</value>
    public IList<string> WorkingRoots { get; } = [Path.GetTempPath()];

    /// <summary>Gets or sets the <c>PATH</c> commands run with (nothing is inherited from Burly's environment).</summary>
    /// <value>The default value is <c>/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin</c>.</value>
    public string SearchPath { get; set; } = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Gets or sets the byte cap per output stream when the tool has no <c>max_output_bytes</c>.</summary>
    /// <value>The default value is 65536.</value>
    public int DefaultMaxOutputBytes { get; set; } = 64 * 1024;
}
