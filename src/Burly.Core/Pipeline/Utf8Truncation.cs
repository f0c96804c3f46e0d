using System.Text;

namespace Burly.Pipeline;

/// <summary>Cuts text to a byte budget on UTF-8 boundaries, keeping the head and the tail.</summary>
internal static class Utf8Truncation
{
    /// <summary>Returns the text cut to at most <paramref name="maxBytes"/> UTF-8 bytes, keeping about 60 % head and 40 % tail around a marker.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxBytes">The budget in bytes (including the marker).</param>
    /// <returns>The text, whether it was cut, and its original size in bytes.</returns>
    public static (string Text, bool Truncated, int OriginalBytes) HeadTail(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= maxBytes)
        {
            return (text, false, bytes.Length);
        }

        var marker = $"\n[… truncated {bytes.Length} bytes to {maxBytes} …]\n";
        var markerBytes = Encoding.UTF8.GetByteCount(marker);
        var budget = Math.Max(0, maxBytes - markerBytes);
        var headBytes = budget * 6 / 10;
        var tailBytes = budget - headBytes;
        var headEnd = BoundaryAtOrBefore(bytes, headBytes);
        var tailStart = BoundaryAtOrAfter(bytes, bytes.Length - tailBytes);
        var result = Encoding.UTF8.GetString(bytes, 0, headEnd) + marker + Encoding.UTF8.GetString(bytes, tailStart, bytes.Length - tailStart);
        return (result, true, bytes.Length);
    }

    /// <summary>Returns the largest index ≤ <paramref name="index"/> that starts a UTF-8 sequence.</summary>
    private static int BoundaryAtOrBefore(byte[] bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        while (index > 0 && index < bytes.Length && (bytes[index] & 0xC0) == 0x80)
        {
            index--;
        }

        return index;
    }

    /// <summary>Returns the smallest index ≥ <paramref name="index"/> that starts a UTF-8 sequence.</summary>
    private static int BoundaryAtOrAfter(byte[] bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        while (index < bytes.Length && (bytes[index] & 0xC0) == 0x80)
        {
            index++;
        }

        return index;
    }
}
