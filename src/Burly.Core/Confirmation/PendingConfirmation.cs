namespace Burly.Confirmation;

/// <summary>An MRTR confirmation in flight: the transport turns it into an input-required result.</summary>
/// <param name="Payload">Transport-specific payload (the MCP adapter stores its input-required result here).</param>
public sealed record PendingConfirmation(object Payload);
