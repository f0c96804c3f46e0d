using Burly.Configuration;
using Burly.Health;
using Burly.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Burly.Tools.Tests.Notify;

/// <summary>The gotify and webhook channels bring their own options, start-up validation and health status.</summary>
public sealed class NotifyChannelOptionsTests
{
    private static ServiceProvider Build(bool enabled, string providers, Action<GotifyOptions>? gotify = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBurly(o =>
        {
            o.Notifications.Enabled = enabled;
            o.Notifications.Providers = [.. providers.Split(',')];
        }).AddGotifyNotifications(gotify).AddWebhookNotifications();
        return services.BuildServiceProvider();
    }

    [Test]
    public void GotifyOptions_ChannelInUseWithoutUrlOrToken_RefusedAtStart()
    {
        using var services = Build(enabled: true, "gotify");

        var ex = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<GotifyOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("GOTIFY_URL").And.Contain("no token"));
    }

    [Test]
    public void GotifyOptions_ChannelNotListed_RulesDoNotApply()
    {
        using var services = Build(enabled: true, "console");

        Assert.That(services.GetRequiredService<IOptions<GotifyOptions>>().Value.Url, Is.Null);
    }

    [Test]
    public void GotifyOptions_TimeoutOutOfRange_RefusedEvenWhenNotInUse()
    {
        using var services = Build(enabled: false, "console", g => g.TimeoutSeconds = 0);

        Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<GotifyOptions>>().Value);
    }

    [Test]
    public async Task CheckHealthAsync_WebhookWithoutUrl_NotReadyAndNamesTheVariable()
    {
        using var services = Build(enabled: false, "webhook"); // in use, a missing URL would be refused at start
        var webhook = services.GetServices<INotificationChannel>().Single(c => c.Name == "webhook");

        var status = await webhook.CheckHealthAsync(CancellationToken.None);

        Assert.That(status, Is.EqualTo(new NotificationProviderStatus("webhook", false, "WEBHOOK_NOTIFICATION_URL is not set to an http(s) URL")));
    }

    [Test]
    public async Task ProbeAsync_ChannelWithoutHealthOverride_ReportsRegistered()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBurly(o =>
        {
            o.Notifications.Enabled = true;
            o.Notifications.Providers = ["plain"];
        }).AddNotificationChannel<PlainChannel>("plain");
        await using var provider = services.BuildServiceProvider();

        var statuses = await provider.GetRequiredService<INotificationHealthProbe>().ProbeAsync(CancellationToken.None);

        Assert.That(statuses, Is.EqualTo(new[] { new NotificationProviderStatus("plain", true, "registered") }));
    }

    private sealed class PlainChannel : INotificationChannel
    {
        public string Name => "plain";

        public Task<long?> SendAsync(Notification notification, CancellationToken cancellationToken) => Task.FromResult<long?>(null);
    }
}
