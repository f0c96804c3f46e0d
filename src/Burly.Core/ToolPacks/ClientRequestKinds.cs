namespace Burly.ToolPacks;

/// <summary>The requests a tool may send to the client through its <see cref="IToolSession"/> (policy <c>client_requests</c>).</summary>
public static class ClientRequestKinds
{
    /// <summary>Ask the person for input (<c>elicitation/create</c>).</summary>
    public const string Elicitation = "elicitation";

    /// <summary>Ask the client's model for a completion (<c>sampling/createMessage</c>).</summary>
    public const string Sampling = "sampling";

    /// <summary>Gets every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Elicitation, Sampling];
}
