using System.CommandLine;
using Burly.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Host.Stdio.Commands;

/// <summary><c>burly notify test --title T --message M</c>: sends one notification through every configured provider now and reports each outcome.</summary>
internal static class NotifyCommand
{
    public static Command Create()
    {
        var notify = new Command("notify", "Notifications.");
        var title = new Option<string>("--title") { Description = "The title.", DefaultValueFactory = _ => "Burly test notification" };
        var message = new Option<string>("--message") { Description = "The message.", DefaultValueFactory = _ => "This is a test notification from `burly notify test`." };
        var priority = new Option<int>("--priority") { Description = "The priority, 0-10.", DefaultValueFactory = _ => 5 };
        priority.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 10)
            {
                r.AddError("--priority must be between 0 and 10.");
            }
        });
        var test = new Command("test", "Send one notification through every configured provider (NOTIFICATION_PROVIDERS) and report each outcome; exit 0 only if all succeeded.")
        {
            title, message, priority,
        };
        test.SetAction((pr, ct) => TestAsync(pr.GetValue(title)!, pr.GetValue(message)!, pr.GetValue(priority), Console.Out, Console.Error, ct));
        notify.Subcommands.Add(test);
        return notify;
    }

    internal static async Task<int> TestAsync(string title, string message, int priority, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!CliHost.TryCreate(out var services))
        {
            return 1;
        }

        using (services)
        {
            var manager = services.GetRequiredService<NotificationManager>();
            return await RunAsync(manager, title, message, priority, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task<int> RunAsync(NotificationManager manager, string title, string message, int priority, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (manager.Providers.Count == 0)
        {
            await stderr.WriteLineAsync("burly: no notification provider is configured. Set NOTIFICATION_PROVIDERS (console, gotify, webhook).").ConfigureAwait(false);
            return 1;
        }

        if (!manager.IsEnabled)
        {
            await stderr.WriteLineAsync("burly: notifications are disabled (NOTIFICATIONS_ENABLED=false), so tool events are not sent; testing the configured providers anyway.").ConfigureAwait(false);
        }

        var results = await manager.TestAsync(title, message, priority, cancellationToken).ConfigureAwait(false);
        foreach (var result in results)
        {
            var line = result.Success
                ? $"{result.Provider}: ok{(result.MessageId is { } id ? $" (message id {id})" : string.Empty)}"
                : $"{result.Provider}: FAILED - {result.Error}";
            await stdout.WriteLineAsync(line).ConfigureAwait(false);
        }

        var failed = results.Count(r => !r.Success);
        await stdout.WriteLineAsync(failed == 0 ? $"all {results.Count} provider(s) succeeded" : $"{failed} of {results.Count} provider(s) failed").ConfigureAwait(false);
        return failed == 0 ? 0 : 1;
    }
}
