using Burly.Configuration;
using Burly.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Burly.Tools.Blog;

/// <summary>First run: creates the default blog directories under the data directory on start, so a fresh install is healthy.</summary>
internal sealed class BlogDirectoriesInitializer(IOptions<BurlyOptions> options, IOptions<BlogOptions> blog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        BlogDirectoriesHealthCheck.EnsureDirectoriesInsideDataDirectory(options.Value, blog.Value);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
