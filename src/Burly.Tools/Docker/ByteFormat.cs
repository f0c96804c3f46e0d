using System.Globalization;

namespace Burly.Tools.Docker;

/// <summary>Human-readable sizes in binary units, like <c>docker stats</c> (<c>1.5MiB</c>).</summary>
internal static class ByteFormat
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>Formats a byte count.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The text.</returns>
    public static string Human(ulong bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? bytes.ToString(CultureInfo.InvariantCulture) + "B"
            : value.ToString(value < 10 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + Units[unit];
    }
}
