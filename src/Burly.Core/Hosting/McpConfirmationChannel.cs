using Burly.Confirmation;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Burly.Hosting;

/// <summary>
/// Asks the MCP client to confirm: an MRTR input-required round trip when the session negotiated it
/// (protocol 2026-07-28), else an <c>elicitation/create</c> request when the client declared elicitation.
/// </summary>
internal sealed class McpConfirmationChannel(McpServer server, ConfirmationStateProtector protector) : IConfirmationChannel
{
    /// <summary>The key of the confirmation in MRTR input requests/responses.</summary>
    public const string InputKey = "burly_confirm";

    // Only a client that declared elicitation can answer, whichever way the question travels: IsMrtrSupported is
    // also true for every stateful HTTP session, where the SDK resolves an input request by sending elicitation/create,
    // which a client without the capability refuses (the call would fail instead of falling back to _confirm).
    public bool CanAsk => server.ClientCapabilities?.Elicitation is not null;

    public async ValueTask<ConfirmationAnswer> AskAsync(ConfirmationPrompt prompt, CancellationToken cancellationToken)
    {
        var request = BuildRequest(prompt);
        if (server.IsMrtrSupported)
        {
            var result = new InputRequiredResult
            {
                InputRequests = new Dictionary<string, InputRequest> { [InputKey] = InputRequest.ForElicitation(request) },
                RequestState = protector.Protect(prompt.ToolName, prompt.ArgsHash),
            };
            return ConfirmationAnswer.PendingAnswer(new PendingConfirmation(result));
        }

        if (server.ClientCapabilities?.Elicitation is null)
        {
            return ConfirmationAnswer.Unavailable;
        }

        var answer = await server.ElicitAsync(request, cancellationToken).ConfigureAwait(false);
        return IsAccepted(answer) ? ConfirmationAnswer.Accepted : ConfirmationAnswer.Declined;
    }

    internal static bool IsAccepted(ElicitResult answer) =>
        answer.Action == "accept"
        && answer.Content is { } content
        && content.TryGetValue("confirm", out var value)
        && (value.ValueKind == System.Text.Json.JsonValueKind.True
            || (value.ValueKind == System.Text.Json.JsonValueKind.String && value.GetString() is "true" or "yes"));

    private static ElicitRequestParams BuildRequest(ConfirmationPrompt prompt) => new()
    {
        Message = $"Allow {prompt.Message} This changes the system.",
        RequestedSchema = new ElicitRequestParams.RequestSchema
        {
            Properties =
            {
                ["confirm"] = new ElicitRequestParams.BooleanSchema { Title = "Confirm", Description = $"Run {prompt.ToolName} now?" },
            },
            Required = ["confirm"],
        },
    };
}
