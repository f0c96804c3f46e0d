namespace Burly.Audit;

/// <summary>Field names of a tool call record's <c>client_requests</c> object (requests the tool sent to the client).</summary>
public static class AuditClientRequestFields
{
    /// <summary>The object's name in the record.</summary>
    public const string Object = "client_requests";

    /// <summary>How many elicitation requests were sent.</summary>
    public const string Elicitation = "elicitation";

    /// <summary>How many sampling requests were sent.</summary>
    public const string Sampling = "sampling";

    /// <summary>How many requests the policy (or the client's capabilities) refused.</summary>
    public const string Refused = "refused";

    /// <summary>The elicitations: question and answer shape, never answer values.</summary>
    public const string Elicitations = "elicitations";

    /// <summary>An elicitation's question.</summary>
    public const string Message = "message";

    /// <summary>The fields the question asked for.</summary>
    public const string Requested = "requested_fields";

    /// <summary>The answer's action: <c>accept</c>, <c>decline</c>, <c>cancel</c>.</summary>
    public const string Action = "action";

    /// <summary>The field names the answer contained.</summary>
    public const string AnswerFields = "answer_fields";
}
