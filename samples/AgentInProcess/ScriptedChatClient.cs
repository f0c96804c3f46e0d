using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Burly.Samples.AgentInProcess;

/// <summary>
/// A chat client with no model behind it: it "decides" like an agent would — list the containers, restart the one it
/// was asked about if it is there, then report what the tool said. Deterministic, so CI can run it.
/// </summary>
internal sealed class ScriptedChatClient(string container) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        ChatMessage next;
        if (results.Count == 0)
        {
            next = Call("ps-1", "docker_ps", new() { ["all"] = true, ["name"] = container });
        }
        else if (results.Count == 1)
        {
            next = Read(results[0]).Contains(container, StringComparison.Ordinal)
                ? Call("restart-1", "docker_restart", new() { ["container"] = container, ["timeout_seconds"] = 1 })
                : new ChatMessage(ChatRole.Assistant, $"{container} is not there; nothing to do.");
        }
        else
        {
            next = new ChatMessage(ChatRole.Assistant, $"docker_restart said: {Read(results[^1])}");
        }

        return Task.FromResult(new ChatResponse(next));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scripted client does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(IChatClient) ? this : null;

    public void Dispose()
    {
    }

    /// <summary>What the model "reads" from a tool result: the JSON as text.</summary>
    internal static string Read(FunctionResultContent result) => result.Result switch
    {
        null => "null",
        string s => s,
        JsonElement e => e.GetRawText(),
        var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions),
    };

    private static ChatMessage Call(string id, string tool, Dictionary<string, object?> arguments) =>
        new(ChatRole.Assistant, [new FunctionCallContent(id, tool, arguments)]);
}
