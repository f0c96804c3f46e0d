using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Burly.Host.Stdio.Tests;

/// <summary>
/// The full <c>tools/list</c> of the built-in default policy, as served by the built <c>burly</c> executable, must equal
/// the committed snapshot (TestData/tools-list.snapshot.json). A change to a tool's name, description, schema or
/// annotations then shows up in review; after an intended change run <c>scripts/update-tools-snapshot.sh</c>.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ToolListSnapshotTests
{
    private const string UpdateHint = "If the change is intended, run scripts/update-tools-snapshot.sh and commit the snapshot.";
    private string _dataDirectory = null!;

    [SetUp]
    public void SetUp()
    {
        _dataDirectory = Directory.CreateTempSubdirectory("burly-snapshot-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ToolsList_DefaultPolicy_MatchesCommittedSnapshot(CancellationToken cancellationToken)
    {
        // Arrange
        var expected = Normalize(JsonNode.Parse(await File.ReadAllTextAsync(
            Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "tools-list.snapshot.json"), cancellationToken))!);

        // Act: the guide's one-liner, no initialize, no POLICY_FILE.
        var response = await RunBurlyAsync("""{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}""", cancellationToken);
        var actual = Normalize(JsonNode.Parse(response)!["result"]!);

        // Assert
        var actualText = actual.ToJsonString(new() { WriteIndented = true });
        var actualFile = Path.Combine(TestContext.CurrentContext.WorkDirectory, "tools-list.actual.json");
        await File.WriteAllTextAsync(actualFile, actualText, cancellationToken);
        Assert.That(JsonNode.DeepEquals(actual, expected), Is.True,
            $"tools/list of the default policy differs from TestData/tools-list.snapshot.json. {UpdateHint}\nServed names: {Names(actual)}\nSnapshot names: {Names(expected)}\nServed list written to {actualFile}:\n{actualText}");
    }

    private static JsonNode Normalize(JsonNode result)
    {
        // Tool order is not part of the contract; compare by name.
        var tools = result["tools"]!.AsArray().Select(t => t!.DeepClone()).OrderBy(t => (string?)t["name"], StringComparer.Ordinal).ToArray();
        return new JsonObject { ["tools"] = new JsonArray(tools) };
    }

    private static string Names(JsonNode result) =>
        string.Join(", ", result["tools"]!.AsArray().Select(t => (string?)t!["name"]));

    private async Task<string> RunBurlyAsync(string request, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(BurlyExecutable())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "POLICY_FILE", "POLICY_DIR", "AUDIT_LOG_PATH", "BURLY_CONFIG" })
        {
            start.Environment.Remove(name);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Burly__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["BURLY_DATA_DIR"] = _dataDirectory;
        start.Environment["NOTIFICATIONS_ENABLED"] = "false";

        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardInput.WriteLineAsync(request.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
            var output = await stdout;
            Assert.That(process.ExitCode, Is.Zero, $"burly exited {process.ExitCode}: {await stderr}");
            Assert.That(output, Is.Not.Empty, $"burly printed nothing on stdout: {await stderr}");
            return output;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The built stdio host of this configuration: src/Burly.Host.Stdio/bin/{Configuration}/net10.0/burly.</summary>
    private static string BurlyExecutable()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Burly.sln")))
        {
            directory = directory.Parent;
        }

        Assert.That(directory, Is.Not.Null, "Burly.sln not found above the test directory");
        var configuration = Environment.GetEnvironmentVariable("BURLY_TEST_CONFIGURATION") is { Length: > 0 } c
            ? c
            : new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var path = Path.Combine(directory!.FullName, "src", "Burly.Host.Stdio", "bin", configuration, "net10.0", "burly");
        Assert.That(File.Exists(path), Is.True, $"burly is not built at {path}; run dotnet build Burly.sln -c {configuration}");
        return path;
    }
}
