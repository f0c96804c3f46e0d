using Microsoft.Extensions.AI;

namespace Burly.Extensions.AI.Tests;

/// <summary>A chat client with no model: each turn returns the next scripted message and records what it was sent.</summary>
public sealed class ScriptedChatClient(params Func<IReadOnlyList<ChatMessage>, ChatMessage>[] turns) : IChatClient
{
    private int _turn;

    public List<List<ChatMessage>> Received { get; } = [];

    public static ChatMessage Call(string callId, string tool, Dictionary<string, object?> arguments) =>
        new(ChatRole.Assistant, [new FunctionCallContent(callId, tool, arguments)]);

    public static ChatMessage Text(string text) => new(ChatRole.Assistant, text);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Received.Add(list);
        var turn = _turn < turns.Length ? turns[_turn++] : (_ => Text("done"));
        return Task.FromResult(new ChatResponse(turn(list)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
