using System.Text;
using Burly.Pipeline;

namespace Burly.Core.Tests.Pipeline;

public sealed class Utf8TruncationTests
{
    [Test]
    public void HeadTail_TextWithinBudget_ReturnsItUnchanged()
    {
        var (text, truncated, original) = Utf8Truncation.HeadTail("short", 100);

        Assert.That((text, truncated, original), Is.EqualTo(("short", false, 5)));
    }

    [Test]
    public void HeadTail_MultiByteCharactersAtBoundaries_ProducesValidUtf8WithinBudget()
    {
        var input = string.Concat(Enumerable.Repeat("€😀é", 500));

        var (text, truncated, original) = Utf8Truncation.HeadTail(input, 301);

        var bytes = Encoding.UTF8.GetBytes(text);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        Assert.That(truncated, Is.True);
        Assert.That(original, Is.EqualTo(Encoding.UTF8.GetByteCount(input)));
        Assert.That(bytes, Has.Length.LessThanOrEqualTo(301));
        Assert.That(() => strict.GetString(bytes), Throws.Nothing);
        Assert.That(text, Does.Not.Contain("\uFFFD"));
    }

    [Test]
    public void HeadTail_LongText_KeepsHeadAndTail()
    {
        var input = "HEAD" + new string('-', 5000) + "TAIL";

        var (text, _, _) = Utf8Truncation.HeadTail(input, 200);

        Assert.That(text, Does.StartWith("HEAD").And.EndWith("TAIL").And.Contain("truncated 5008 bytes"));
    }
}
