using System.Text.Json.Nodes;
using Burly.Host.Stdio.Tests.TestSupport;

namespace Burly.Host.Stdio.Tests.EndToEnd;

/// <summary>
/// The full <c>tools/list</c> of the built-in default policy, as served by the built <c>burly</c> executable, must equal
/// the committed snapshot (TestData/tools-list.snapshot.json). A change to a tool's name, description, schema or
/// annotations then shows up in review; after an intended change run <c>scripts/update-tools-snapshot.sh</c>.
/// </summary>
[Category("EndToEnd")]
public sealed class ToolListSnapshotTests
{
    private const string UpdateHint = "If the change is intended, run scripts/update-tools-snapshot.sh and commit the snapshot.";
    private BurlyProcess _burly = null!;

    [SetUp]
    public void SetUp()
    {
        _burly = new BurlyProcess();
        _burly.Environment["POLICY_FILE"] = string.Empty; // the built-in default policy, whatever the caller's environment says
        _burly.Environment["POLICY_DIR"] = string.Empty;
    }

    [TearDown]
    public void TearDown() => _burly.Dispose();

    [Test]
    public async Task ToolsList_DefaultPolicy_MatchesCommittedSnapshot()
    {
        // Arrange
        var snapshot = await File.ReadAllTextAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "tools-list.snapshot.json"));
        var expected = Normalize(JsonNode.Parse(snapshot)!);

        // Act: the guide's one-liner, no initialize.
        var (exit, stdout, stderr) = await _burly.ShellAsync("""echo '{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}' | $BURLY""");

        // Assert
        Assert.That(exit, Is.Zero, stderr);
        var actual = Normalize(JsonNode.Parse(stdout)!["result"]!);
        var actualText = actual.ToJsonString(new() { WriteIndented = true });
        Assert.That(JsonNode.DeepEquals(actual, expected), Is.True,
            $"tools/list of the default policy differs from TestData/tools-list.snapshot.json. {UpdateHint}\nServed: {Names(actual)}\nSnapshot: {Names(expected)}\nServed list:\n{actualText}");
    }

    private static JsonObject Normalize(JsonNode result)
    {
        // Tool order is not part of the contract; compare by name.
        var tools = result["tools"]!.AsArray().Select(t => t!.DeepClone()).OrderBy(t => (string?)t["name"], StringComparer.Ordinal).ToArray();
        return new JsonObject { ["tools"] = new JsonArray(tools) };
    }

    private static string Names(JsonNode result) =>
        string.Join(", ", result["tools"]!.AsArray().Select(t => (string?)t!["name"]));
}
