using System.Text;
using Burly.Tools.Docker;

namespace Burly.Tools.Tests.Docker;

public sealed class LogTailBufferTests
{
    [Test]
    public void GetText_WithinBudget_ReturnsEverything()
    {
        var buffer = new LogTailBuffer(1024);

        buffer.Append("a\nb\n"u8);
        buffer.Append("c"u8);

        Assert.That(buffer.GetText(), Is.EqualTo("a\nb\nc"));
        Assert.That(buffer.LineCount, Is.EqualTo(3));
        Assert.That(buffer.Truncated, Is.False);
    }

    [Test]
    public void Append_FarMoreThanBudget_KeepsOnlyTheNewestWholeLines()
    {
        var buffer = new LogTailBuffer(100);
        for (var i = 0; i < 10_000; i++)
        {
            buffer.Append(Encoding.UTF8.GetBytes($"line {i}\n"));
        }

        var text = buffer.GetText();

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetByteCount(text), Is.LessThanOrEqualTo(100));
            Assert.That(text, Does.StartWith("line ").And.EndWith("line 9999\n"));
            Assert.That(buffer.Truncated, Is.True);
            Assert.That(buffer.LineCount, Is.EqualTo(10_000));
            Assert.That(buffer.TotalBytes, Is.EqualTo(buffer.DroppedBytes + Encoding.UTF8.GetByteCount(text)));
        });
    }

    [Test]
    public void GetText_OneHugeLineWithMultiByteCharacters_CutsOnACharacterBoundary()
    {
        var buffer = new LogTailBuffer(100);

        buffer.Append(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("é€", 500))));

        var text = buffer.GetText();
        Assert.That(text, Does.Not.Contain("\uFFFD"));
        Assert.That(Encoding.UTF8.GetByteCount(text), Is.LessThanOrEqualTo(100).And.GreaterThan(90));
    }
}
