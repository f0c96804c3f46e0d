using Burly.Configuration;
using Burly.Policy;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Burly.Health;

/// <summary>
/// When the policy enables any <c>blog_*</c> tool: the stage root exists and is readable, the publish root
/// exists and accepts writes. On first run it creates the roots that lie inside the data directory (the defaults
/// <c>blog/stage</c> and <c>blog/publish</c>); a root configured outside the data directory is never created.
/// </summary>
internal sealed class BlogDirectoriesHealthCheck(IPolicyProvider policy, IOptions<BurlyOptions> options, IOptions<BlogOptions> blog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var used = DockerHealthCheck.UsedTools(policy, "blog_");
        if (used.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("not used: the policy enables no blog_* tool", new Dictionary<string, object> { ["used"] = false }));
        }

        var o = options.Value;
        EnsureDirectoriesInsideDataDirectory(o, blog.Value);
        var stage = blog.Value.ResolveStageRoot(o);
        var publish = blog.Value.ResolvePublishRoot(o);
        var problems = new List<string>();
        var stageOk = Readable(stage, out var stageWhy);
        if (!stageOk)
        {
            problems.Add("stage root (BLOG_STAGE_ROOT) " + stageWhy);
        }

        var publishOk = Readable(publish, out var publishWhy) && Writable(publish, out publishWhy);
        if (!publishOk)
        {
            problems.Add("publish root (BLOG_PUBLISH_ROOT) " + publishWhy);
        }

        var data = new Dictionary<string, object>
        {
            ["used"] = true,
            ["stage_readable"] = stageOk,
            ["publish_writable"] = publishOk,
        };
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("blog directories ready", data)
            : new HealthCheckResult(context.Registration.FailureStatus, string.Join("; ", problems), data: data));
    }

    /// <summary>
    /// Creates the blog roots that lie inside the data directory (first run: nothing configured, nothing created yet).
    /// Roots outside the data directory are the operator's to create and are left alone. Never throws.
    /// </summary>
    /// <param name="o">The options.</param>
    /// <param name="blog">The blog pack's options.</param>
    internal static void EnsureDirectoriesInsideDataDirectory(BurlyOptions o, BlogOptions blog)
    {
        var data = Path.TrimEndingDirectorySeparator(o.ResolveDataDirectory()) + Path.DirectorySeparatorChar;
        foreach (var root in new[] { blog.ResolveStageRoot(o), blog.ResolvePublishRoot(o) })
        {
            var full = Path.GetFullPath(root);
            if (!full.StartsWith(data, StringComparison.Ordinal) || Directory.Exists(full))
            {
                continue;
            }

            try
            {
                Directory.CreateDirectory(full);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                // Reported by the check as "does not exist".
            }
        }
    }

    private static bool Readable(string directory, out string? why)
    {
        why = null;
        if (!Directory.Exists(directory))
        {
            why = "does not exist";
            return false;
        }

        try
        {
            using var e = Directory.EnumerateFileSystemEntries(directory).GetEnumerator();
            _ = e.MoveNext();
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            why = "cannot be read";
            return false;
        }
    }

    private static bool Writable(string directory, out string? why)
    {
        why = null;
        try
        {
            var probe = Path.Combine(directory, $".burly-health-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            why = "is not writable";
            return false;
        }
    }
}
