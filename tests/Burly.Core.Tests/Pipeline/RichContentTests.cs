using Burly.Core.Tests.TestSupport;
using Burly.Hosting;
using ModelContextProtocol.Protocol;

namespace Burly.Core.Tests.Pipeline;

/// <summary>Image, audio and resource blocks in tool results, bounded per type.</summary>
public sealed class RichContentTests
{
    private const string RichPolicy = "tools:\n  rich:\n    description: r\n    args_schema: {type: object, properties: {size: {type: integer}}}\n";

    [Test]
    public async Task Invoke_BlocksUnderTheirCaps_AreSentAfterSummaryAndJson()
    {
        using var burly = TestBurly.Create(RichPolicy);

        var outcome = await burly.CallAsync("rich", """{"size":8}""");
        var result = McpResultMapper.ToCallToolResult(outcome);

        Assert.That(outcome.Truncated, Is.False);
        Assert.That(result.Content.Select(c => c.Type), Is.EqualTo(new[] { "text", "text", "image", "audio", "resource", "resource_link" }));
    }

    [Test]
    public async Task Invoke_BlocksOverTheirCaps_ImageAndAudioReplacedByNoteResourceCutAndTruncated()
    {
        using var burly = TestBurly.Create(RichPolicy, o =>
        {
            o.Limits.MaxImageBytes = 100;
            o.Limits.MaxAudioBytes = 100;
            o.Limits.MaxResourceBytes = 100;
        });

        var outcome = await burly.CallAsync("rich", """{"size":500}""");
        var content = outcome.Content!;

        Assert.That(outcome.Truncated, Is.True);
        Assert.That(content[0], Is.InstanceOf<TextContentBlock>());
        Assert.That(((TextContentBlock)content[0]).Text, Does.Contain("image (image/png, 500 bytes) omitted").And.Contain("100-byte cap"));
        Assert.That(((TextContentBlock)content[1]).Text, Does.Contain("audio"));
        var resource = (TextResourceContents)((EmbeddedResourceBlock)content[2]).Resource;
        Assert.That(System.Text.Encoding.UTF8.GetByteCount(resource.Text), Is.LessThanOrEqualTo(100));
        Assert.That(content[3], Is.InstanceOf<ResourceLinkBlock>());
        Assert.That(burly.ReadToolCalls().Single()["output_truncated"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Invoke_MoreBlocksThanAllowed_ExtraBlocksDropped()
    {
        using var burly = TestBurly.Create(RichPolicy, o => o.Limits.MaxContentBlocks = 2);

        var outcome = await burly.CallAsync("rich");

        Assert.That(outcome.Content!.Count, Is.EqualTo(2));
        Assert.That(outcome.Truncated, Is.True);
    }
}
