namespace Burly.Confirmation;

/// <summary>An answer from a confirmation channel.</summary>
public sealed record ConfirmationAnswer
{
    private ConfirmationAnswer(ConfirmationAnswerKind kind, PendingConfirmation? pending = null)
    {
        Kind = kind;
        Pending = pending;
    }

    /// <summary>Gets the kind.</summary>
    public ConfirmationAnswerKind Kind { get; }

    /// <summary>Gets the pending request (for <see cref="ConfirmationAnswerKind.Pending"/>).</summary>
    public PendingConfirmation? Pending { get; }

    /// <summary>Gets the "accepted" answer.</summary>
    public static ConfirmationAnswer Accepted { get; } = new(ConfirmationAnswerKind.Accepted);

    /// <summary>Gets the "declined" answer.</summary>
    public static ConfirmationAnswer Declined { get; } = new(ConfirmationAnswerKind.Declined);

    /// <summary>Gets the "could not ask" answer.</summary>
    public static ConfirmationAnswer Unavailable { get; } = new(ConfirmationAnswerKind.Unavailable);

    /// <summary>Creates a "question sent, answer comes with the retried request" answer (MRTR).</summary>
    /// <param name="pending">The pending request.</param>
    /// <returns>The answer.</returns>
    public static ConfirmationAnswer PendingAnswer(PendingConfirmation pending) => new(ConfirmationAnswerKind.Pending, pending);
}

/// <summary>Kinds of confirmation answers.</summary>
public enum ConfirmationAnswerKind
{
    /// <summary>The person confirmed.</summary>
    Accepted,

    /// <summary>The person declined or cancelled.</summary>
    Declined,

    /// <summary>The client could not be asked.</summary>
    Unavailable,

    /// <summary>The question travels in the result; the client retries with the answer (MRTR).</summary>
    Pending,
}
