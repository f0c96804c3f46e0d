using Burly.Completions;

namespace Burly.Resources;

/// <summary>A resource a pack implements: a fixed URI, or a URI template with <c>{variable}</c> parts.</summary>
public sealed class ResourceDefinition
{
    /// <summary>Gets the policy name (the key under <c>resources:</c>), e.g. <c>docker_container_logs</c>; lower-case, digits and <c>_</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Gets the URI, e.g. <c>burly://policy</c>, or a URI template (RFC 6570 level 1: whole <c>{name}</c> variables, each
    /// matching one path segment), e.g. <c>docker://containers/{name}/logs</c>. A template is listed by <c>resources/templates/list</c>.
    /// </summary>
    public required string Uri { get; init; }

    /// <summary>Gets a short human-readable title.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the description shown to clients.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the MIME type of the content, e.g. <c>text/plain</c>.</summary>
    public string? MimeType { get; init; }

    /// <summary>Gets a value indicating whether clients may subscribe to the resource (<c>resources/subscribe</c>).</summary>
    public bool Subscribable { get; init; }

    /// <summary>Gets the read handler. Throw <see cref="Burly.ToolPacks.ToolException"/> for an expected failure (its code and message reach the client).</summary>
    public required Func<ResourceReadContext, CancellationToken, ValueTask<ResourceContent>> Read { get; init; }

    /// <summary>Gets the completion handler for template variables, or <see langword="null"/> when the pack offers none.</summary>
    public Func<CompletionRequest, CancellationToken, ValueTask<IReadOnlyList<string>>>? Complete { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Uri"/> is a template.</summary>
    public bool IsTemplate => Uri.Contains('{', StringComparison.Ordinal);
}
