using System.Text.Json.Nodes;

namespace Burly.Host.Http.Responses;

/// <summary>An error the host answers itself, before a request reaches the pipeline or the MCP SDK.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Code">Burly's stable error code.</param>
/// <param name="Summary">A short summary (the envelope's <c>summary</c>).</param>
/// <param name="Message">What was wrong and how to fix it.</param>
public sealed record HttpError(int StatusCode, string Code, string Summary, string Message)
{
    /// <summary>Gets extra details (merged into JSON-RPC <c>error.data</c>; the envelope's <c>error_detail.details</c>).</summary>
    public JsonObject? Details { get; init; }

    /// <summary>Gets the JSON-RPC error code.</summary>
    public int JsonRpcCode { get; init; } = HttpErrorResponder.JsonRpcServerError;

    /// <summary>Gets the envelope's <c>metrics.exit_code</c>.</summary>
    public int LegacyExitCode { get; init; } = 1;
}
