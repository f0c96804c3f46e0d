namespace Burly.Host.Http.Authentication;

/// <summary>Why a request carried no usable key (kept on the request for the challenge and the audit record).</summary>
/// <param name="Reason"><c>missing_key</c>, <c>invalid_key</c> or <c>malformed_header</c>.</param>
internal sealed record ApiKeyFailure(string Reason);
