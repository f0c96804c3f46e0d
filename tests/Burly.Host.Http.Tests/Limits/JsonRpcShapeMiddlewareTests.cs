using System.Text;
using System.Text.Json;
using Burly.Host.Http.Limits;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Burly.Host.Http.Tests.Limits;

/// <summary>The one-pass check of plain tool calls; the rejections themselves are pinned by the HTTP tests.</summary>
public sealed class JsonRpcShapeMiddlewareTests
{
    private const string Plain = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi","n":[1,{"a":null}]}}}""";

    [TestCase(Plain)]
    [TestCase("""{"params":{"arguments":{},"name":"echo"},"method":"tools/call","jsonrpc":"2.0","id":"x"}""")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo"}}""")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":null}}""")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"écho","arguments":{"clé":"naïve \u00e9 \ud83d\ude00"}}}""")]
    public void IsPlainToolCall_NameAndArgumentsOnly_IsTrueAndTheSdkCanReadTheParams(string json)
    {
        var plain = JsonRpcShapeMiddleware.IsPlainToolCall(Encoding.UTF8.GetBytes(json));

        Assert.That(plain, Is.True);
        using var document = JsonDocument.Parse(json);
        var parameters = document.RootElement.GetProperty("params");
        Assert.That(() => parameters.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolRequestParams))), Throws.Nothing);
    }

    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"m":"\ud800"}}}""", TestName = "lone surrogate in a value")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"\udc00":1}}}""", TestName = "lone surrogate in a member name")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"e\ud800","arguments":{}}}""", TestName = "lone surrogate in the name")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":[1]}}""", TestName = "arguments array")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":"x"}}""", TestName = "arguments string")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":5,"arguments":{}}}""", TestName = "name number")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"arguments":{}}}""", TestName = "no name")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","_meta":{"progressToken":1}}}""", TestName = "_meta")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","_meta":5}}""", TestName = "_meta wrong type")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","name":"other"}}""", TestName = "duplicate name")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo"},"params":{"name":5}}""", TestName = "duplicate params")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","method":"tools/call","params":{"name":"echo"}}""", TestName = "duplicate method")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":[1]}""", TestName = "params array")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/call"}""", TestName = "no params")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"name":"echo"}}""", TestName = "other method")]
    public void IsPlainToolCall_AnythingElse_IsFalse(string json)
    {
        Assert.That(JsonRpcShapeMiddleware.IsPlainToolCall(Encoding.UTF8.GetBytes(json)), Is.False);
    }

    [Test]
    public void IsPlainToolCall_InvalidUtf8InAValue_IsFalse()
    {
        var json = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"m":"XX"}}}""");
        var at = Array.LastIndexOf(json, (byte)'X');
        json[at - 1] = 0xC3; // a lead byte followed by ASCII
        json[at] = 0x28;

        Assert.That(JsonRpcShapeMiddleware.IsPlainToolCall(json), Is.False);
    }

    [Test]
    public void IsPlainToolCall_ArgumentsDeeperThan64_IsFalse()
    {
        var json = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"a":""" + new string('[', 70) + new string(']', 70) + "}}}";

        Assert.That(JsonRpcShapeMiddleware.IsPlainToolCall(Encoding.UTF8.GetBytes(json)), Is.False);
    }

    [Test]
    public async Task InvokeAsync_PlainToolCall_BuildsNoDocument()
    {
        var passed = 0;
        var middleware = new JsonRpcShapeMiddleware(_ => { passed++; return Task.CompletedTask; }, null!, null!);
        var body = Encoding.UTF8.GetBytes(Plain);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/mcp";
        context.Features.Set(new BufferedRequestBody(RequestBodyKind.JsonRpc, body, "1") { Method = "tools/call" });
        await middleware.InvokeAsync(context); // warm

        var before = GC.GetAllocatedBytesForCurrentThread();
        var task = middleware.InvokeAsync(context);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await task;

        Assert.That(passed, Is.EqualTo(2));
        Assert.That(allocated, Is.LessThan(200), "a plain tools/call is checked with a reader pass, without a JsonDocument or a CallToolRequestParams");
    }
}
