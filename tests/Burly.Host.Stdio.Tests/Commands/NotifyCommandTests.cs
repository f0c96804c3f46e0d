using Burly.Host.Stdio.Commands;
using Burly.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Host.Stdio.Tests.Commands;

public sealed class NotifyCommandTests
{
    private static ServiceProvider Services(params string[] providers)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBurly(o =>
        {
            o.DataDirectory = Path.Combine(Path.GetTempPath(), "burly-notify-cli-" + Guid.NewGuid().ToString("N"));
            o.Notifications.Providers = [.. providers];
        }).AddGotifyNotifications(g =>
        {
            g.Url = "http://127.0.0.1:9"; // discard port: nothing listens
            g.Token = "AbCdEf123456";
        });
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task RunAsync_AllProvidersSucceed_PrintsEachAndReturnsZero()
    {
        using var services = Services("console");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var originalError = Console.Error;
        Console.SetError(TextWriter.Null);
        try
        {
            var code = await NotifyCommand.RunAsync(services.GetRequiredService<NotificationManager>(), "T", "M", 5, stdout, stderr, CancellationToken.None);

            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero);
                Assert.That(stdout.ToString(), Does.Contain("console: ok").And.Contain("all 1 provider(s) succeeded"));
                Assert.That(stderr.ToString(), Does.Contain("NOTIFICATIONS_ENABLED=false"));
            });
        }
        finally
        {
            Console.SetError(originalError);
        }
    }

    [Test]
    public async Task RunAsync_OneProviderFails_ReportsItAndReturnsOne()
    {
        using var services = Services("console", "gotify");
        using var stdout = new StringWriter();
        var originalError = Console.Error;
        Console.SetError(TextWriter.Null);
        try
        {
            var code = await NotifyCommand.RunAsync(services.GetRequiredService<NotificationManager>(), "T", "M", 5, stdout, TextWriter.Null, CancellationToken.None);

            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(1));
                Assert.That(stdout.ToString(), Does.Contain("console: ok").And.Contain("gotify: FAILED - Gotify is not reachable").And.Contain("1 of 2 provider(s) failed"));
                Assert.That(stdout.ToString(), Does.Not.Contain("AbCdEf123456"));
            });
        }
        finally
        {
            Console.SetError(originalError);
        }
    }
}
