using System.Text.Json.Nodes;
using Burly.Policy;
using Burly.Tools.Docker;

namespace Burly.Tools.Tests.Docker;

public sealed class ContainerAllowListTests
{
    [Test]
    public void From_NoDockerSection_AllowsEverything()
    {
        var list = ContainerAllowList.From(new PolicySettings());

        Assert.That(list.IsRestricted, Is.False);
        Assert.That(list.Allows("anything"), Is.True);
    }

    [TestCase("web-1", true)]
    [TestCase("/web-1", true)]
    [TestCase("db", true)]
    [TestCase("database", false)]
    [TestCase("cache", false)]
    public void Allows_Globs_MatchWholeNames(string name, bool expected)
    {
        var list = ContainerAllowList.From(Settings("""{"docker":{"allowed_containers":["web-*","db"]}}"""));

        Assert.That(list.Allows(name), Is.EqualTo(expected));
    }

    [Test]
    public void From_SingleStringGlob_IsAccepted()
    {
        var list = ContainerAllowList.From(Settings("""{"docker":{"allowed_containers":"web-*"}}"""));

        Assert.That(list.Allows("web-2"), Is.True);
        Assert.That(list.Allows("db"), Is.False);
    }

    private static PolicySettings Settings(string json) => new() { Raw = JsonNode.Parse(json)!.AsObject() };
}
