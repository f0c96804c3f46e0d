namespace Burly.Confirmation;

/// <summary>A way to ask the person behind the client to confirm (MCP elicitation, MRTR).</summary>
public interface IConfirmationChannel
{
    /// <summary>Gets a value indicating whether the client can be asked.</summary>
    bool CanAsk { get; }

    /// <summary>Asks for confirmation.</summary>
    /// <param name="prompt">What will change, on which target.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The answer.</returns>
    ValueTask<ConfirmationAnswer> AskAsync(ConfirmationPrompt prompt, CancellationToken cancellationToken);
}
