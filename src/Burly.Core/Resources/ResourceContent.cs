namespace Burly.Resources;

/// <summary>The content of a resource: text or binary.</summary>
public sealed class ResourceContent
{
    private ResourceContent()
    {
    }

    /// <summary>Gets the text, or <see langword="null"/> for binary content.</summary>
    public string? Text { get; private init; }

    /// <summary>Gets the bytes, or <see langword="null"/> for text content.</summary>
    public ReadOnlyMemory<byte>? Blob { get; private init; }

    /// <summary>Gets the MIME type, or <see langword="null"/> to use the definition's.</summary>
    public string? MimeType { get; private init; }

    /// <summary>Creates text content.</summary>
    /// <param name="text">The text.</param>
    /// <param name="mimeType">The MIME type, or <see langword="null"/> for the definition's.</param>
    /// <returns>The content.</returns>
    public static ResourceContent FromText(string text, string? mimeType = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new() { Text = text, MimeType = mimeType };
    }

    /// <summary>Creates binary content (sent base64-encoded).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="mimeType">The MIME type, or <see langword="null"/> for the definition's.</param>
    /// <returns>The content.</returns>
    public static ResourceContent FromBytes(ReadOnlyMemory<byte> bytes, string? mimeType = null) => new() { Blob = bytes, MimeType = mimeType };
}
