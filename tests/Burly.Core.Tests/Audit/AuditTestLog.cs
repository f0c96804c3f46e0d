using Burly.Audit;
using Burly.Configuration;
using Burly.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Burly.Core.Tests.Audit;

/// <summary>Creates real <see cref="JsonlAuditLog"/> instances over a file.</summary>
internal static class AuditTestLog
{
    public static JsonlAuditLog Create(string path, Action<AuditOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new BurlyOptions();
        options.Audit.Path = path;
        options.Audit.MaxFileSizeBytes = 0;
        options.Audit.MaxFileAgeHours = 0;
        configure?.Invoke(options.Audit);
        return new JsonlAuditLog(Options.Create(options), NullLogger<JsonlAuditLog>.Instance, new BurlyMetrics(), time);
    }

    public static async Task WriteAsync(JsonlAuditLog log, int count, TimeProvider? time = null, string tool = "disk_space")
    {
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(new AuditRecord
            {
                Timestamp = (time ?? TimeProvider.System).GetUtcNow(),
                ToolName = tool,
                UserId = "local:test",
                Transport = "cli",
                Result = AuditResults.Success,
                ExitCode = 0,
                ExecutionTimeMs = i,
            });
        }
    }
}
