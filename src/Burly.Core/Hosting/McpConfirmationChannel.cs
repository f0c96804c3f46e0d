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

    // MRTR carries an elicitation request too, so the client must have declared elicitation either way.
    public bool CanAsk => server.ClientCapabilities?.Elicitation is not null;

    public async ValueTask<ConfirmationAnswer> AskAsync(ConfirmationPrompt prompt, CancellationToken cancellationToken)
    {
        var request = BuildRequest(prompt);
        if (!CanAsk)
        {
            return ConfirmationAnswer.Unavailable;
        }

        if (server.IsMrtrSupported)
        {
            var result = new InputRequiredResult
            {
                InputRequests = new Dictionary<string, InputRequest> { [InputKey] = InputRequest.ForElicitation(request) },
                RequestState = protector.Protect(prompt.ToolName, prompt.ArgsHash),
            };
            return ConfirmationAnswer.PendingAnswer(new PendingConfirmation(result));
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
