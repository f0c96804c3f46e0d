using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Audit;

namespace Burly.Core.Tests.Audit;

public sealed class AuditLineWriterTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 30, 23, 59, 58, 123, 457, TimeSpan.FromHours(2));

    private static IEnumerable<TestCaseData> Records()
    {
        yield return new TestCaseData(new AuditRecord { Timestamp = Time }).SetName("Append_MinimalRecord_SameBytesAsJsonObjectPath");
        yield return new TestCaseData(new AuditRecord
        {
            Timestamp = Time,
            EventType = AuditEventTypes.ToolCall,
            RequestId = "42",
            SessionId = "s-1",
            Transport = "http",
            UserId = "apikey:ops",
            ClientName = "claude <desktop> & co",
            ToolName = "blog_publish",
            Arguments = JsonNode.Parse("""{"path":"/srv/a+b.md","n":[1,2.5,-3e-7,{"x":null}],"text":"é ✓ \u0001 \"quoted\" 😀 </script>","t":true}"""),
            ArgsHash = new string('a', 64),
            Result = AuditResults.Failure,
            Error = "Invalid 'x': it's > 5",
            ErrorCode = "invalid_arguments",
            ExitCode = 1,
            ExecutionTimeMs = 12.3456789,
            OutputSize = 1234567890123,
            OutputTruncated = true,
            MutatesSystem = true,
            RequiresConfirmation = true,
            Confirmed = true,
            ConfirmationMethod = "approval",
            ApprovedBy = "operator:anna",
            ClientRequests = new JsonObject { [AuditClientRequestFields.Elicitations] = new JsonArray(new JsonObject { ["action"] = "accept" }) },
            Details = new JsonObject { ["violation_type"] = "path_traversal", ["count"] = 3, ["ratio"] = 0.1 },
        }).SetName("Append_FullRecord_SameBytesAsJsonObjectPath");
        yield return new TestCaseData(new AuditRecord
        {
            Timestamp = Time,
            ClientVersion = "1.0",
            ToolName = null,
            Arguments = JsonValue.Create("plain"),
            ExecutionTimeMs = 1e-9,
            ExitCode = 0,
        }).SetName("Append_VersionOnlyClientAndTinyTime_SameBytesAsJsonObjectPath");
    }

    [TestCaseSource(nameof(Records))]
    public void Append_Record_MatchesTheJsonObjectSerialisationAndChainHash(AuditRecord record)
    {
        record.Seq = 7;
        record.PrevHash = new string('f', 64);
        var expectedCanonical = AuditRecordSerializer.ToCanonicalViaJsonObject(record);
        var expectedHash = AuditRecordSerializer.ComputeHash(record.PrevHash, expectedCanonical);
        var output = new ArrayBufferWriter<byte>();

        new AuditLineWriter().Append(record, output);

        var line = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.That(line, Is.EqualTo(expectedCanonical[..^1] + ",\"hash\":\"" + expectedHash + "\"}\n"));
        Assert.That(record.Hash, Is.EqualTo(expectedHash));
        Assert.That(AuditRecordSerializer.Canonicalize(JsonNode.Parse(line)!.AsObject()), Is.EqualTo(expectedCanonical));
    }

    [Test]
    public void Append_SeveralRecordsOnOneWriter_EachLineStandsAlone()
    {
        var writer = new AuditLineWriter();
        var output = new ArrayBufferWriter<byte>();
        var first = new AuditRecord { Timestamp = Time, ToolName = "a", Arguments = JsonNode.Parse("""{"big":"__BIG__"}""".Replace("__BIG__", new string('x', 100_000), StringComparison.Ordinal)), Seq = 1 };
        var second = new AuditRecord { Timestamp = Time, ToolName = "b", Seq = 2 };

        writer.Append(first, output);
        second.PrevHash = first.Hash;
        writer.Append(second, output);

        var lines = Encoding.UTF8.GetString(output.WrittenSpan).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Is.EqualTo(AuditRecordSerializer.SerializeLine(second)));
        Assert.That(JsonNode.Parse(lines[1])!["prev_hash"]!.GetValue<string>(), Is.EqualTo(first.Hash));
    }

    [Test]
    public void Hash_NestedObject_IsTheSha256OfTheKeySortedCompactText()
    {
        using var document = JsonDocument.Parse("""{ "b": [ { "d": 3, "c": 2 } ], "a": "x", "A": null, "nested": { "z": true, "y": 1.5 } }""");

        Assert.That(CanonicalJson.Serialize(document.RootElement), Is.EqualTo("""{"A":null,"a":"x","b":[{"c":2,"d":3}],"nested":{"y":1.5,"z":true}}"""));
        Assert.That(CanonicalJson.Hash(document.RootElement), Is.EqualTo("62ad7eebb29f4773a0f5b8e69b11908b08beb44e27bcc2278263ea5f58982d25"));
    }
}
