using System.Globalization;
using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Core.Tests.TestSupport;

namespace Burly.Core.Tests.Audit;

public sealed class AuditLogTests
{
    [Test]
    public async Task Record_HasEveryFieldTheGuidesJqQueriesUse()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        await burly.CallAsync("mutate", """{"target":"web","_confirm":true}""");

        var records = burly.ReadAudit();
        Assert.That(records.Select(x => x["event_type"]!.GetValue<string>()), Is.EqualTo(new[] { "tool_call_intent", "tool_call" }));
        var intent = records[0];
        Assert.That(intent["result"]!.GetValue<string>(), Is.EqualTo("started"));
        Assert.That(intent["request_id"]!.GetValue<string>(), Is.EqualTo(records[1]["request_id"]!.GetValue<string>()));
        Assert.That(intent["args_hash"]!.GetValue<string>(), Is.EqualTo(records[1]["args_hash"]!.GetValue<string>()));
        Assert.That(intent["user_id"]!.GetValue<string>(), Does.StartWith("local:"));
        var r = records[1];
        Assert.That(r["timestamp"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$"));
        Assert.That(r["event_type"]!.GetValue<string>(), Is.EqualTo("tool_call"));
        Assert.That(r["user_id"]!.GetValue<string>(), Does.StartWith("local:"));
        Assert.That(r["tool_name"]!.GetValue<string>(), Is.EqualTo("mutate"));
        Assert.That(r["arguments"]!["target"]!.GetValue<string>(), Is.EqualTo("web"));
        Assert.That(r["result"]!.GetValue<string>(), Is.EqualTo("success"));
        Assert.That(r.ContainsKey("error"), Is.True);
        Assert.That(r["execution_time_ms"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(0));
        Assert.That(r["output_size"]!.GetValue<long>(), Is.GreaterThan(0));
        Assert.That(r["security_context"]!["mutates_system"]!.GetValue<bool>(), Is.True);
        Assert.That(r["security_context"]!["requires_confirmation"]!.GetValue<bool>(), Is.True);
        Assert.That(r["security_context"]!["confirmed"]!.GetValue<bool>(), Is.True);
        Assert.That(r["args_hash"]!.GetValue<string>(), Has.Length.EqualTo(64));
        Assert.That(r["seq"]!.GetValue<long>(), Is.EqualTo(2));
    }

    [Test]
    public async Task Timestamp_SortsAgainstDateIsoSecondsLikeTheGuideQuery()
    {
        using var burly = TestBurly.Create(Policies.Standard);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

        await burly.CallAsync("echo", "{}");

        Assert.That(string.CompareOrdinal(burly.ReadAudit().Single()["timestamp"]!.GetValue<string>(), before), Is.GreaterThan(0));
    }

    [Test]
    public async Task Arguments_SensitiveKeysRedactedButLookalikesKept()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        await burly.CallAsync("echo", """{"api_key":"k-123456","monkey":"banana"}""");

        var args = burly.ReadAudit().Single()["arguments"]!;
        Assert.That(args["api_key"]!.GetValue<string>(), Is.EqualTo(AuditRedactor.Redacted));
        Assert.That(args["monkey"]!.GetValue<string>(), Is.EqualTo("banana"));
    }

    [TestCase("password", true)]
    [TestCase("gotify_token", true)]
    [TestCase("accessToken", true)]
    [TestCase("Authorization", true)]
    [TestCase("X-Api-Key", true)]
    [TestCase("client_secret", true)]
    [TestCase("credentials", true)]
    [TestCase("monkey", false)]
    [TestCase("author", false)]
    [TestCase("keyword", false)]
    [TestCase("tokenizer", false)]
    public void IsSensitiveKey_MatchesWholeWordsOnly(string key, bool expected)
    {
        Assert.That(AuditRedactor.IsSensitiveKey(key), Is.EqualTo(expected));
    }

    [Test]
    public async Task Arguments_ValueMatchingPolicyRedactPattern_IsRedacted()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        await burly.CallAsync("echo", """{"message":"sk-abcdef123"}""");

        Assert.That(burly.ReadAudit().Single()["arguments"]!["message"]!.GetValue<string>(), Is.EqualTo(AuditRedactor.Redacted));
    }

    [Test]
    public async Task ArgsHash_IsOverUnredactedArguments()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        await burly.CallAsync("echo", """{"api_key":"first-secret"}""");
        await burly.CallAsync("echo", """{"api_key":"second-secret"}""");

        var records = burly.ReadAudit();
        Assert.That(records[0]["args_hash"]!.GetValue<string>(), Is.Not.EqualTo(records[1]["args_hash"]!.GetValue<string>()));
    }

    [Test]
    public async Task HashOnlyMode_StoresNoArguments()
    {
        using var burly = TestBurly.Create(Policies.Standard, o => o.Audit.Arguments = "hash_only");

        await burly.CallAsync("echo", """{"message":"hi"}""");

        var r = burly.ReadAudit().Single();
        Assert.That(r["arguments"], Is.Null);
        Assert.That(r["args_hash"]!.GetValue<string>(), Has.Length.EqualTo(64));
    }

    [Test]
    public async Task Chain_UntouchedLog_Verifies()
    {
        using var burly = TestBurly.Create(Policies.Standard);
        for (var i = 0; i < 5; i++)
        {
            await burly.CallAsync("echo", $$"""{"count":{{i + 1}}}""");
        }

        var result = AuditChainVerifier.Verify(File.ReadAllLines(burly.AuditPath));

        Assert.That((result.Valid, result.Records, result.FirstBadSeq, result.TornLastLine), Is.EqualTo((true, 5L, (long?)null, false)));
    }

    [Test]
    public async Task Chain_EditedLine_IsDetectedAtItsSeq()
    {
        using var burly = TestBurly.Create(Policies.Standard);
        for (var i = 0; i < 4; i++)
        {
            await burly.CallAsync("echo", $$"""{"count":{{i + 1}}}""");
        }

        var lines = File.ReadAllLines(burly.AuditPath);
        lines[2] = lines[2].Replace("\"result\":\"success\"", "\"result\":\"failure\"", StringComparison.Ordinal);

        var result = AuditChainVerifier.Verify(lines);
        Assert.That((result.Valid, result.FirstBadSeq), Is.EqualTo((false, 3L)));
    }

    [Test]
    public async Task Chain_DeletedLine_IsDetected()
    {
        using var burly = TestBurly.Create(Policies.Standard);
        for (var i = 0; i < 4; i++)
        {
            await burly.CallAsync("echo", $$"""{"count":{{i + 1}}}""");
        }

        var lines = File.ReadAllLines(burly.AuditPath).Where((_, i) => i != 1).ToList();

        var result = AuditChainVerifier.Verify(lines);
        Assert.That((result.Valid, result.FirstBadSeq), Is.EqualTo((false, 2L)));
    }

    [Test]
    public async Task Open_TornLastLine_IsCutOffAndTheChainContinues()
    {
        using (var first = TestBurly.Create(Policies.Standard))
        {
            await first.CallAsync("echo", "{}");
        }

        var directory = Path.Combine(Path.GetTempPath(), "burly-torn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "audit"));
        var path = Path.Combine(directory, "audit", "audit.jsonl");
        using (var writer = TestBurly.Create(Policies.Standard, o => o.Audit.Path = path))
        {
            await writer.CallAsync("echo", "{}");
        }

        await File.AppendAllTextAsync(path, "{\"timestamp\":\"2026-");
        using (var reopened = TestBurly.Create(Policies.Standard, o => o.Audit.Path = path))
        {
            await reopened.CallAsync("echo", """{"count":2}""");
        }

        var lines = await File.ReadAllLinesAsync(path);
        var verification = AuditChainVerifier.Verify(lines);
        Assert.That(verification.Valid, Is.True);
        Assert.That(lines.Select(l => JsonNode.Parse(l)!["seq"]!.GetValue<long>()), Is.EqualTo(new[] { 1L, 2L }));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task NewAuditFile_IsOwnerReadWriteGroupReadOnly()
    {
        using var burly = TestBurly.Create(Policies.Standard);

        await burly.CallAsync("echo", "{}");

        Assert.That(File.GetUnixFileMode(burly.AuditPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));
    }
}
