using System.Text;
using Burly.Host.Http.Limits;

namespace Burly.Host.Http.Tests.Limits;

/// <summary>The single-pass classification and JSON limits of request bodies.</summary>
public sealed class JsonBodyInspectorTests
{
    private static JsonInspection Inspect(string json, int maxDepth = 8, int maxItems = 5) =>
        JsonBodyInspector.Inspect(Encoding.UTF8.GetBytes(json), maxDepth, maxItems);

    [Test]
    public void Inspect_JsonRpcMember_IsJsonRpcWithId()
    {
        var result = Inspect("""{"id":"a-1","jsonrpc":"2.0","method":"tools/list"}""");

        Assert.That(result.Kind, Is.EqualTo(RequestBodyKind.JsonRpc));
        Assert.That(result.IdJson, Is.EqualTo("\"a-1\""));
    }

    [Test]
    public void Inspect_NoJsonRpcMember_IsLegacyWithNumericId()
    {
        var result = Inspect("""{"method":"list_tools","id":12}""");

        Assert.That(result.Kind, Is.EqualTo(RequestBodyKind.Legacy));
        Assert.That(result.IdJson, Is.EqualTo("12"));
    }

    [Test]
    public void Inspect_NestedIdAndJsonRpc_AreIgnored()
    {
        var result = Inspect("""{"method":"call_tool","args":{"id":5,"jsonrpc":"2.0"}}""");

        Assert.That(result.Kind, Is.EqualTo(RequestBodyKind.Legacy));
        Assert.That(result.IdJson, Is.Null);
    }

    [TestCase("[1,2]")]
    [TestCase("\"text\"")]
    [TestCase("{\"a\":")]
    [TestCase("{} {}")]
    [TestCase("")]
    public void Inspect_NotOneObject_IsOther(string json)
    {
        Assert.That(Inspect(json).Kind, Is.EqualTo(RequestBodyKind.Other));
    }

    [Test]
    public void Inspect_TooDeep_ReportsDepth()
    {
        var result = Inspect("""{"a":{"b":{"c":[[[[[[[1]]]]]]]}}}""");

        Assert.That(result.Problem, Does.Contain("deeper than 8 levels"));
    }

    [Test]
    public void Inspect_TooManyMembers_ReportsWidth()
    {
        var result = Inspect("""{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}""");

        Assert.That(result.Problem, Does.Contain("more than 5 members"));
    }

    [Test]
    public void Inspect_TooManyElements_ReportsWidth()
    {
        var result = Inspect("""{"a":[1,2,3,4,5,6]}""");

        Assert.That(result.Problem, Does.Contain("more than 5 elements"));
    }

    [Test]
    public void Inspect_AtTheLimits_HasNoProblem()
    {
        var result = Inspect("""{"a":[1,2,3,4,5],"b":{"c":{"d":{"e":{"f":{"g":{"h":1}}}}}}}""");

        Assert.That(result.Problem, Is.Null);
    }
}
