using System.Text.Json;
using Burly.Core.Tests.TestSupport;
using Burly.Pipeline;
using Burly.Policy;
using Burly.ToolPacks;
using Json.Schema;

namespace Burly.Core.Tests.Pipeline;

/// <summary>Policy/pack output schemas: published in the envelope, checked before answering.</summary>
public sealed class OutputSchemaTests
{
    private const string EchoWith = "tools:\n  echo:\n    description: e\n    args_schema: {type: object, properties: {message: {type: string}}}\n    output_schema:\n      type: object\n      properties:\n        message: {type: %TYPE%}\n      required: [message]\n";

    [Test]
    public async Task Invoke_DataMatchesOutputSchema_Succeeds()
    {
        using var burly = TestBurly.Create(EchoWith.Replace("%TYPE%", "string", StringComparison.Ordinal));

        var outcome = await burly.CallAsync("echo", """{"message":"hi"}""");

        Assert.That(outcome.IsSuccess, Is.True, outcome.Error?.Message);
    }

    [Test]
    public async Task Invoke_DataMismatchesOutputSchema_ReturnsInternalWithoutDataAndAuditsFailure()
    {
        using var burly = TestBurly.Create(EchoWith.Replace("%TYPE%", "integer", StringComparison.Ordinal));

        var outcome = await burly.CallAsync("echo", """{"message":"hi"}""");

        Assert.That(outcome.Error?.Code, Is.EqualTo(BurlyErrorCodes.Internal));
        Assert.That(outcome.Data, Is.Null, "never half-valid");
        Assert.That(outcome.Error!.Message, Does.Contain("output schema"));
        var record = burly.ReadAudit().Single();
        Assert.That(record["result"]!.GetValue<string>(), Is.EqualTo("failure"));
        Assert.That(record["error_code"]?.GetValue<string>() ?? record.ToJsonString(), Does.Contain(BurlyErrorCodes.Internal));
    }

    [Test]
    public void Envelope_DataSchemaWithDefs_WrapsDataAndHoistsDefs()
    {
        var data = ToolDefinition.Schema("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"n":{"$ref":"#/$defs/count"}},"required":["n"],"$defs":{"count":{"type":"integer"}}}""");

        var envelope = ToolOutputSchema.Envelope(data);
        var schema = JsonSchema.Build(envelope);

        Assert.That(envelope.GetProperty("$defs").GetProperty("count").GetProperty("type").GetString(), Is.EqualTo("integer"));
        Assert.That(schema.Evaluate(Json("""{"ok":true,"summary":"s","data":{"n":3},"truncated":false,"elapsed_ms":1.5,"request_id":"r"}""")).IsValid, Is.True);
        Assert.That(schema.Evaluate(Json("""{"ok":true,"summary":"s","data":{"n":"three"}}""")).IsValid, Is.False);
        Assert.That(schema.Evaluate(Json("""{"ok":true,"summary":"s","data":{"truncated_json":"{\"n\":"},"truncated":true}""")).IsValid, Is.True);
        Assert.That(schema.Evaluate(Json("""{"ok":false,"summary":"s","error":{"code":"FORBIDDEN","message":"no"},"need_confirm":false}""")).IsValid, Is.True);
    }

    [Test]
    public void ExposedTools_ReadOnlyAndScopedCallers_SeeOnlyCallableTools()
    {
        using var burly = TestBurly.Create(Policies.Standard);
        var authorizer = (IToolAuthorizer)burly.Services.GetService(typeof(IToolAuthorizer))!;
        var policy = ((IPolicyProvider)burly.Services.GetService(typeof(IPolicyProvider))!).Current;

        var readOnly = authorizer.ExposedTools(new CallerContext { UserId = "apikey:r", Transport = "http", ReadOnlyScope = true }, policy);
        var scoped = authorizer.ExposedTools(new CallerContext { UserId = "apikey:s", Transport = "http", ToolScopes = ["ech*"] }, policy);

        Assert.That(readOnly.Select(t => t.Name), Does.Not.Contain("mutate").And.Contain("echo"));
        Assert.That(readOnly.Any(t => t.Mutates), Is.False);
        Assert.That(scoped.Select(t => t.Name), Is.EqualTo(new[] { "echo" }));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
