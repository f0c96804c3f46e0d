using Burly.Notifications;
using Burly.ToolPacks;

namespace Burly.Tools.Notify;

/// <summary>Notification tools: <c>gotify_ping</c> (send a Gotify message and report its id).</summary>
internal sealed class NotifyToolPack : IToolPack
{
    private readonly GotifyClient _gotify;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="gotify">The Gotify client registered by <c>AddBurly</c>.</param>
    public NotifyToolPack(GotifyClient gotify)
    {
        _gotify = gotify ?? throw new ArgumentNullException(nameof(gotify));
    }

    /// <inheritdoc />
    public IEnumerable<ToolDefinition> GetTools()
    {
        yield return new ToolDefinition
        {
            Name = "gotify_ping",
            Description = "Send a test notification through Gotify and report the message id.",
            DefaultSchema = ToolDefinition.Schema("""
                {"type":"object","properties":{"message":{"type":"string","minLength":1,"maxLength":1000},
                 "title":{"type":"string","minLength":1,"maxLength":200},"priority":{"type":"integer","minimum":0,"maximum":10}},
                 "additionalProperties":false}
                """),
            OpenWorld = true,
            OutputSchema = BuiltInOutputSchemas.GotifyPing,
            Handler = new GotifyPingTool(_gotify).RunAsync,
        };
    }
}
