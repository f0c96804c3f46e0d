using System.Text.Json.Nodes;
using Burly.Pipeline;
using Burly.Policy;

namespace Burly.Tools.Docker;

/// <summary>
/// The policy's optional list of container name globs the Docker tools may touch
/// (<c>config.docker.allowed_containers</c>); an empty or missing list allows every container.
/// </summary>
internal sealed class ContainerAllowList
{
    private static readonly ContainerAllowList Everything = new([]);
    private readonly IReadOnlyList<string> _globs;

    private ContainerAllowList(IReadOnlyList<string> globs)
    {
        _globs = globs;
    }

    /// <summary>Gets a value indicating whether the list restricts anything.</summary>
    public bool IsRestricted => _globs.Count > 0;

    /// <summary>Gets the globs.</summary>
    public IReadOnlyList<string> Globs => _globs;

    /// <summary>Reads the list from the policy settings.</summary>
    /// <param name="settings">The policy's global settings.</param>
    /// <returns>The list.</returns>
    public static ContainerAllowList From(PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var node = settings.Raw["docker"] is JsonObject docker ? docker["allowed_containers"] : null;
        var list = node switch
        {
            JsonArray array => array,
            JsonValue single => [single.DeepClone()], // a single glob written as a string
            _ => null,
        };
        if (list is null)
        {
            return Everything;
        }

        var globs = list
            .OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var s) ? s.Trim().TrimStart('/') : null)
            .Where(s => !string.IsNullOrEmpty(s))
            .Select(s => s!)
            .ToList();
        return globs.Count == 0 ? Everything : new ContainerAllowList(globs);
    }

    /// <summary>Tells whether a container name (with or without Docker's leading <c>/</c>) is allowed.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public bool Allows(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsRestricted)
        {
            return true;
        }

        var bare = name.TrimStart('/');
        return _globs.Any(g => Glob.IsMatch(g, bare));
    }

    /// <summary>Tells whether any of a container's names is allowed.</summary>
    /// <param name="names">The names.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public bool AllowsAny(IEnumerable<string>? names) => !IsRestricted || (names ?? []).Any(Allows);
}
