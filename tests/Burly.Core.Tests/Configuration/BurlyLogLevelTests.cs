using Burly.Configuration;
using Microsoft.Extensions.Logging;

namespace Burly.Core.Tests.Configuration;

public sealed class BurlyLogLevelTests
{
    [TestCase("DEBUG", LogLevel.Debug)]
    [TestCase("Warning", LogLevel.Warning)]
    [TestCase(" warn ", LogLevel.Warning)]
    [TestCase("INFO", LogLevel.Information)]
    [TestCase("critical", LogLevel.Critical)]
    [TestCase(null, LogLevel.Information)]
    public void Parse_PythonAndDotNetSpellings_MapToTheLevel(string? value, LogLevel expected)
    {
        Assert.That(BurlyLogLevel.Parse(value), Is.EqualTo(expected));
    }
}
