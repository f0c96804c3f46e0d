using Burly.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Core.Tests.Notifications;

public sealed class GotifyClientTests
{
    private FakeGotifyServer _server = null!;

    [SetUp]
    public void SetUp() => _server = FakeGotifyServer.Start();

    [TearDown]
    public async Task TearDown() => await _server.DisposeAsync();

    private static ServiceProvider Services(Action<Burly.Configuration.GotifyOptions> gotify)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBurly().AddGotifyNotifications(gotify);
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task SendAsync_Configured_PostsToMessageWithKeyHeaderAndJsonBody()
    {
        using var services = Services(g => { g.Url = _server.BaseUrl + "/"; g.Token = _server.Token; });

        var id = await services.GetRequiredService<GotifyClient>().SendAsync("Title", "Body text", 7);

        var request = await _server.NextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo(42));
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Path, Is.EqualTo("/message"));
            Assert.That(request.Query, Is.Empty, "the token must never be in the URL");
            Assert.That(request.Headers["X-Gotify-Key"], Is.EqualTo(_server.Token));
            Assert.That(request.Headers["Content-Type"], Does.StartWith("application/json"));
            Assert.That(request.Body!.ToJsonString(), Is.EqualTo("""{"title":"Title","message":"Body text","priority":7}"""));
        });
    }

    [Test]
    public async Task SendAsync_UrlWithPathPrefix_PostsBelowIt()
    {
        using var services = Services(g => { g.Url = _server.BaseUrl + "/gotify"; g.Token = _server.Token; });

        await services.GetRequiredService<GotifyClient>().SendAsync("t", "m", 1);

        Assert.That((await _server.NextAsync()).Path, Is.EqualTo("/gotify/message"));
    }

    [Test]
    public async Task SendAsync_TokenFile_SendsItsTrimmedContent()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, _server.Token + "\n");
        try
        {
            using var services = Services(g => { g.Url = _server.BaseUrl; g.TokenFile = file; });

            var id = await services.GetRequiredService<GotifyClient>().SendAsync("t", "m", 1);

            var request = await _server.NextAsync();
            Assert.Multiple(() =>
            {
                Assert.That(id, Is.Not.Null);
                Assert.That(request.Headers["X-Gotify-Key"], Is.EqualTo(_server.Token));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task SendAsync_WrongToken_ThrowsUnauthorizedWithoutTheToken()
    {
        using var services = Services(g => { g.Url = _server.BaseUrl; g.Token = "wrong-token-123"; });

        var ex = await Assert.ThrowsAsync<NotificationDeliveryException>(() => services.GetRequiredService<GotifyClient>().SendAsync("t", "m", 1));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Kind, Is.EqualTo(NotificationFailureKind.Unauthorized));
            Assert.That(ex.StatusCode, Is.EqualTo(401));
            Assert.That(ex.Message, Does.Contain("GOTIFY_TOKEN").And.Not.Contain("wrong-token-123"));
        });
    }

    [Test]
    public async Task SendAsync_ServerError_ThrowsRejectedWithStatus()
    {
        _server.FixedStatus = 500;
        using var services = Services(g => { g.Url = _server.BaseUrl; g.Token = _server.Token; });

        var ex = await Assert.ThrowsAsync<NotificationDeliveryException>(() => services.GetRequiredService<GotifyClient>().SendAsync("t", "m", 1));

        Assert.That((ex!.Kind, ex.StatusCode), Is.EqualTo((NotificationFailureKind.Rejected, (int?)500)));
    }

    [Test]
    public async Task SendAsync_NothingListening_ThrowsUnreachable()
    {
        var url = _server.BaseUrl;
        await _server.DisposeAsync();
        using var services = Services(g => { g.Url = url; g.Token = "AbCdEf123456"; });

        var ex = await Assert.ThrowsAsync<NotificationDeliveryException>(() => services.GetRequiredService<GotifyClient>().SendAsync("t", "m", 1));

        Assert.That(ex!.Kind, Is.EqualTo(NotificationFailureKind.Unreachable));
    }

    [Test]
    public async Task SendAsync_NotConfigured_ThrowsNotConfigured()
    {
        using var services = Services(_ => { });

        var ex = await Assert.ThrowsAsync<NotificationDeliveryException>(() => services.GetRequiredService<GotifyClient>().SendAsync("t", "m", 1));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Kind, Is.EqualTo(NotificationFailureKind.NotConfigured));
            Assert.That(services.GetRequiredService<GotifyClient>().IsConfigured, Is.False);
        });
    }
}
