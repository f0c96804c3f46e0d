using Burly.Tools.Docker;

namespace Burly.Tools.Tests.Docker;

public sealed class LogSinceTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase("10m", "1777636200.000000000")]
    [TestCase("2h", "1777629600.000000000")]
    [TestCase("1h30m", "1777631400.000000000")]
    [TestCase("1d", "1777550400.000000000")]
    [TestCase("90s", "1777636710.000000000")]
    [TestCase("1.5h", "1777631400.000000000")]
    [TestCase("2026-05-01T10:00:00Z", "1777629600.000000000")]
    [TestCase("2026-05-01T12:00:00+02:00", "1777629600.000000000")]
    [TestCase("2026-05-01T10:00:00.123456789Z", "1777629600.123456700")]
    [TestCase("2026-05-01", "1777593600.000000000")]
    [TestCase("1714557600", "1714557600")]
    [TestCase("1714557600.5", "1714557600.5")]
    public void TryParse_ValidValue_ReturnsUnixSeconds(string value, string expected)
    {
        var ok = LogSince.TryParse(value, Now, out var unixSeconds);

        Assert.That(ok, Is.True);
        Assert.That(unixSeconds, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("yesterday")]
    [TestCase("10 minutes")]
    [TestCase("-5m")]
    [TestCase("10x")]
    [TestCase("2026-13-45T99:99:99Z")]
    [TestCase("99999999999999d")]
    [TestCase("1; rm -rf /")]
    public void TryParse_InvalidValue_ReturnsFalse(string value)
    {
        Assert.That(LogSince.TryParse(value, Now, out _), Is.False);
    }
}
