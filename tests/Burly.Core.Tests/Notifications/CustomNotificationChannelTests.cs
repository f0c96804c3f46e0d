using Burly.Configuration;
using Burly.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Burly.Core.Tests.Notifications;

/// <summary>A channel registered through the public API (<c>AddNotificationChannel</c>) can be enabled by name.</summary>
public sealed class CustomNotificationChannelTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = OpsTestHost.CreateTempDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task AddNotificationChannel_EnabledByName_ReceivesNotification()
    {
        var inbox = new PagerInbox();
        using var host = Build("pager", inbox);
        await host.StartAsync();
        try
        {
            var queued = await host.Services.GetRequiredService<NotificationManager>().SendNotificationAsync("Disk", "almost full");
            var received = await inbox.Received.Task.WaitAsync(TimeSpan.FromSeconds(20));

            Assert.That(queued, Is.True);
            Assert.That(received.Title, Is.EqualTo("Disk"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public void AddNotificationChannel_UnknownName_IsRefusedWithTheRegisteredNames()
    {
        using var host = Build("pagr", new PagerInbox());

        var ex = Assert.Throws<OptionsValidationException>(() => host.StartAsync().GetAwaiter().GetResult());

        Assert.That(ex!.Message, Does.Contain("'pagr'").And.Contain("console, pager"));
    }

    [Test]
    public void AddNotificationChannel_ChannelNameDiffersFromRegistration_StartFailsNamingBoth()
    {
        using var host = Build("pager", new PagerInbox(), misnamed: true);

        var ex = Assert.Throws<InvalidOperationException>(() => host.StartAsync().GetAwaiter().GetResult());

        Assert.That(ex!.Message, Does.Contain("lists 'pager'").And.Contain("paging (MisnamedPagerChannel)"));
    }

    private IHost Build(string providers, PagerInbox inbox, bool misnamed = false)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(inbox);
        var burly = builder.Services.AddBurly(o =>
        {
            o.DataDirectory = _dir;
            o.Audit.Path = Path.Combine(_dir, "audit", "audit.jsonl");
            o.Notifications.Enabled = true;
            o.Notifications.Providers = ["console", providers];
        });
        if (misnamed)
        {
            burly.AddNotificationChannel<MisnamedPagerChannel>("pager");
        }
        else
        {
            burly.AddNotificationChannel<PagerChannel>("pager");
        }

        return builder.Build();
    }

    private sealed class PagerInbox
    {
        public TaskCompletionSource<Notification> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class PagerChannel(PagerInbox inbox) : INotificationChannel
    {
        public string Name => "pager";

        public Task<long?> SendAsync(Notification notification, CancellationToken cancellationToken)
        {
            inbox.Received.TrySetResult(notification);
            return Task.FromResult<long?>(42);
        }
    }

    /// <summary>Registered as "pager" but reports another name: a developer mistake start-up must catch.</summary>
    private sealed class MisnamedPagerChannel : INotificationChannel
    {
        public string Name => "paging";

        public Task<long?> SendAsync(Notification notification, CancellationToken cancellationToken) => Task.FromResult<long?>(null);
    }
}
