using Burly.Configuration;
using Burly.Notifications;
using Microsoft.Extensions.Options;

namespace Burly.Health;

/// <summary>Asks every configured channel for its state (<see cref="INotificationChannel.CheckHealthAsync"/>); a name no channel answers to is not ready.</summary>
internal sealed class DefaultNotificationHealthProbe(IOptions<BurlyOptions> options, IEnumerable<INotificationChannel> channels) : INotificationHealthProbe
{
    public async Task<IReadOnlyList<NotificationProviderStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        var o = options.Value.Notifications;
        var result = new List<NotificationProviderStatus>();
        foreach (var provider in o.Providers.Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0).Distinct())
        {
            var channel = channels.FirstOrDefault(c => c.Name == provider);
            result.Add(channel is null
                ? new NotificationProviderStatus(provider, false, "unknown provider (no channel of that name is registered: " + string.Join(", ", channels.Select(c => c.Name).Order(StringComparer.Ordinal)) + ")")
                : await channel.CheckHealthAsync(cancellationToken).ConfigureAwait(false));
        }

        return result;
    }
}
