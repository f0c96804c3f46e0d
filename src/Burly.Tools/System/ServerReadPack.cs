using System.Text;
using System.Text.Json.Nodes;
using Burly.Audit;
using Burly.Policy;
using Burly.Resources;
using Burly.ToolPacks;

namespace Burly.Tools.System;

/// <summary>
/// Burly's own resources: <c>burly://policy</c> (policy name <c>burly_policy</c>: the effective policy as the caller's
/// server sees it, no file paths) and <c>burly://audit/recent</c> (<c>burly_audit_recent</c>: the newest audit records,
/// JSON lines; enable it only with an <c>allow</c> list, since it shows every caller's calls).
/// </summary>
internal sealed class ServerReadPack(IPolicyProvider policy, IAuditLog audit) : IResourcePack
{
    internal const string PolicyResource = "burly_policy";
    internal const string AuditResource = "burly_audit_recent";
    internal const int AuditRecords = 50;

    public IEnumerable<ResourceDefinition> GetResources()
    {
        yield return new ResourceDefinition
        {
            Name = PolicyResource,
            Uri = "burly://policy",
            Title = "Effective policy",
            Description = "The tools, resources and prompts the loaded policy enables, with their limits (JSON).",
            MimeType = "application/json",
            Read = (_, _) => ValueTask.FromResult(ResourceContent.FromText(DescribePolicy(policy.Current))),
        };
        yield return new ResourceDefinition
        {
            Name = AuditResource,
            Uri = "burly://audit/recent",
            Title = "Recent audit records",
            Description = $"The newest {AuditRecords} audit records (JSON lines), newest last.",
            MimeType = "application/jsonl",
            Read = (context, cancellationToken) => ReadAuditAsync(context.MaxBytes, cancellationToken),
        };
    }

    internal static string DescribePolicy(PolicyDocument document)
    {
        var tools = new JsonObject();
        foreach (var (name, tool) in document.Tools)
        {
            tools[name] = new JsonObject
            {
                ["description"] = tool.Description,
                ["mutates"] = tool.Mutates,
                ["requires_confirm"] = tool.RequiresConfirm,
                ["timeout_sec"] = tool.TimeoutSec,
                ["allow"] = tool.Allow is null ? null : new JsonArray([.. tool.Allow.Select(a => (JsonNode?)a)]),
            };
        }

        static JsonObject Entries(IReadOnlyDictionary<string, ReadPolicy> entries) => new(entries.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonObject
        {
            ["max_bytes"] = e.Value.MaxBytes,
            ["allow"] = e.Value.Allow is null ? null : new JsonArray([.. e.Value.Allow.Select(a => (JsonNode?)a)]),
        })));

        return new JsonObject
        {
            ["fingerprint"] = document.Fingerprint,
            ["sources"] = new JsonArray([.. document.Sources.Select(s => (JsonNode?)Path.GetFileName(s))]),
            ["read_only"] = document.Settings.ReadOnly,
            ["disable_destructive"] = document.Settings.DisableDestructive,
            ["tools"] = tools,
            ["disabled_tools"] = new JsonArray([.. document.DisabledTools.Select(t => (JsonNode?)t)]),
            ["resources"] = Entries(document.Resources),
            ["prompts"] = Entries(document.Prompts),
        }.ToJsonString(new global::System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The last complete lines of the active audit file, reading at most <paramref name="maxBytes"/> from its end.</summary>
    private async ValueTask<ResourceContent> ReadAuditAsync(int maxBytes, CancellationToken cancellationToken)
    {
        if (audit.FilePath is not { } path || !File.Exists(path))
        {
            return ResourceContent.FromText(string.Empty);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await using (stream.ConfigureAwait(false))
        {
            var start = Math.Max(0, stream.Length - maxBytes);
            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - start];
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            var lines = Encoding.UTF8.GetString(buffer).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var complete = start > 0 ? lines.Skip(1) : lines; // The first line may be cut.
            return ResourceContent.FromText(string.Join('\n', complete.TakeLast(AuditRecords)) + "\n");
        }
    }
}
