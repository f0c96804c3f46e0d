using Microsoft.Extensions.Configuration;

namespace Burly.Configuration;

/// <summary>
/// A configuration section a tool pack or host adds (e.g. <c>Burly:Docker</c>), validated the same way at start-up
/// (<c>ValidateOnStart</c>) and by <c>burly config validate</c>. Registered by <c>builder.AddOptionsSection&lt;T&gt;(…)</c>.
/// </summary>
public interface IBurlyConfigSection
{
    /// <summary>Gets the section path, e.g. <c>Burly:Docker</c>.</summary>
    string Path { get; }

    /// <summary>Binds the section from <paramref name="configuration"/> and returns every problem.</summary>
    /// <param name="configuration">The configuration root.</param>
    /// <returns>All problems; empty when valid.</returns>
    IReadOnlyList<ConfigProblem> Validate(IConfiguration configuration);

    /// <summary>Binds the section from <paramref name="configuration"/> (for display, e.g. <c>burly config show</c>).</summary>
    /// <param name="configuration">The configuration root.</param>
    /// <returns>The bound options object.</returns>
    object Bind(IConfiguration configuration);
}
