using Burly.Tools.Docker;
using Docker.DotNet.Models;

namespace Burly.Tools.Tests.Docker;

public sealed class DockerInspectToolTests
{
    [TestCase("DB_PASSWORD=hunter2", "DB_PASSWORD=[REDACTED]")]
    [TestCase("GITHUB_TOKEN=abc", "GITHUB_TOKEN=[REDACTED]")]
    [TestCase("AWS_SECRET_ACCESS_KEY=x", "AWS_SECRET_ACCESS_KEY=[REDACTED]")]
    [TestCase("DATABASE_URL=postgres://app:s3cret@db:5432/app", "DATABASE_URL=postgres://app:[REDACTED]@db:5432/app")]
    [TestCase("PATH=/usr/bin:/bin", "PATH=/usr/bin:/bin")]
    [TestCase("TZ=UTC", "TZ=UTC")]
    public void RedactEnv_Entry_RedactsSecretValuesOnly(string entry, string expected)
    {
        Assert.That(DockerInspectTool.RedactEnv(entry), Is.EqualTo(expected));
    }

    [TestCase("0.0.0.0", (ushort)8080, (ushort)80, "tcp", "0.0.0.0:8080->80/tcp")]
    [TestCase("::", (ushort)8080, (ushort)80, "tcp", "[::]:8080->80/tcp")]
    [TestCase(null, null, (ushort)53, "udp", "53/udp")]
    public void FormatPort_Port_LooksLikeDockerPs(string? ip, ushort? published, ushort privatePort, string type, string expected)
    {
        var port = new PortSummary { IP = ip, PublicPort = published, PrivatePort = privatePort, Type = type };

        Assert.That(DockerPsTool.FormatPort(port), Is.EqualTo(expected));
    }

    [TestCase("web", "my-web-1", true)]
    [TestCase("WEB", "my-web-1", true)]
    [TestCase("web-*", "web-1", true)]
    [TestCase("web-*", "my-web-1", false)]
    [TestCase("db", "web", false)]
    public void NameMatches_Filter_SubstringOrGlob(string filter, string name, bool expected)
    {
        Assert.That(DockerPsTool.NameMatches(filter, name), Is.EqualTo(expected));
    }
}
