using Burly.Configuration;
using ModelContextProtocol.Protocol;

namespace Burly.Pipeline;

/// <summary>
/// Bounds a tool's extra content blocks: at most <see cref="LimitsOptions.MaxContentBlocks"/> blocks; an image, audio
/// or blob over its type's cap is replaced by a text note; an embedded text resource over the cap is cut.
/// Text blocks from a tool are dropped (the summary and the data are the text of a result).
/// </summary>
internal static class RichContentBounder
{
    public static (IReadOnlyList<ContentBlock>? Content, bool Truncated) Bound(IReadOnlyList<ContentBlock>? blocks, LimitsOptions limits)
    {
        if (blocks is null || blocks.Count == 0)
        {
            return (null, false);
        }

        var truncated = blocks.Count > limits.MaxContentBlocks;
        var result = new List<ContentBlock>(Math.Min(blocks.Count, limits.MaxContentBlocks));
        foreach (var block in blocks.Take(limits.MaxContentBlocks))
        {
            var (bounded, cut) = block switch
            {
                ImageContentBlock image => Cap(image, image.Data.Length, limits.MaxImageBytes, "image", image.MimeType),
                AudioContentBlock audio => Cap(audio, audio.Data.Length, limits.MaxAudioBytes, "audio", audio.MimeType),
                ResourceLinkBlock link => (link, false),
                EmbeddedResourceBlock { Resource: BlobResourceContents blob } embedded =>
                    Cap(embedded, blob.Blob.Length, limits.MaxResourceBytes, "resource " + blob.Uri, blob.MimeType),
                EmbeddedResourceBlock { Resource: TextResourceContents text } embedded => CutText(embedded, text, limits.MaxResourceBytes),
                _ => ((ContentBlock?)null, true),
            };
            truncated |= cut;
            if (bounded is not null)
            {
                result.Add(bounded);
            }
        }

        return (result, truncated);
    }

    private static (ContentBlock?, bool) Cap(ContentBlock block, int size, int cap, string what, string? mimeType) =>
        size <= cap
            ? (block, false)
            : (new TextContentBlock { Text = $"[{what} ({mimeType ?? "unknown type"}, {size} bytes) omitted: over the {cap}-byte cap for this content type]" }, true);

    private static (ContentBlock?, bool) CutText(EmbeddedResourceBlock block, TextResourceContents text, int cap)
    {
        var size = System.Text.Encoding.UTF8.GetByteCount(text.Text);
        if (size <= cap)
        {
            return (block, false);
        }

        return (new EmbeddedResourceBlock
        {
            Resource = new TextResourceContents { Uri = text.Uri, MimeType = text.MimeType, Text = Utf8Truncation.HeadTail(text.Text, cap).Text },
            Annotations = block.Annotations,
        }, true);
    }
}
