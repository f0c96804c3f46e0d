using Burly.Confirmation;
using Burly.Hosting;
using Burly.Host.Http.Authentication;

namespace Burly.Host.Http.Approvals;

/// <summary>
/// The HTTP admin endpoint for out-of-band approvals: <c>GET /admin/approvals</c>,
/// <c>POST /admin/approvals/{id}/approve</c> and <c>…/reject</c>. Only a key with the <c>admin</c> scope may use it —
/// never an anonymous caller, even on loopback, since the agent whose call waits for approval may be able to
/// reach this port.
/// </summary>
internal static class ApprovalEndpoints
{
    public const string Prefix = "/admin/approvals";
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static void MapApprovalEndpoints(this WebApplication app)
    {
        var group = app.MapGroup(Prefix).RequireAuthorization(ApiKeyAuthenticationDefaults.PolicyName);
        group.MapGet("/", (HttpContext context, ApprovalStore store, int? offset, int? limit) =>
        {
            if (Forbidden(context) is { } forbidden)
            {
                return forbidden;
            }

            // Bounded pages: the list never grows with the number stored (pending approvals are capped too).
            var take = Math.Clamp(limit ?? DefaultPageSize, 1, MaxPageSize);
            var skip = Math.Max(0, offset ?? 0);
            var (items, total) = store.ListPending(skip, take);
            return Results.Json(new
            {
                approvals = items.Select(a => new
                {
                    id = a.Id,
                    tool = a.Tool,
                    operation = a.Operation,
                    requested_by = a.RequestedBy,
                    created_at = a.CreatedAt,
                    expires_at = a.ExpiresAt,
                }),
                total,
                offset = skip,
                limit = take,
                next_offset = skip + items.Count < total ? skip + items.Count : (int?)null,
            });
        });
        group.MapPost("/{id}/approve", (HttpContext context, string id, ApprovalStore store, CancellationToken ct) => DecideAsync(context, id, approve: true, store, ct));
        group.MapPost("/{id}/reject", (HttpContext context, string id, ApprovalStore store, CancellationToken ct) => DecideAsync(context, id, approve: false, store, ct));
    }

    private static async Task<IResult> DecideAsync(HttpContext context, string id, bool approve, ApprovalStore store, CancellationToken cancellationToken)
    {
        if (Forbidden(context) is { } forbidden)
        {
            return forbidden;
        }

        var decidedBy = context.User.FindFirst(BurlyClaimTypes.UserId)!.Value;
        var (decision, problem) = await store.DecideAsync(id, approve, decidedBy, "http", cancellationToken).ConfigureAwait(false);
        return decision switch
        {
            ApprovalDecision.Done => Results.Json(new { id, status = approve ? ApprovalStatus.Approved : ApprovalStatus.Rejected, decided_by = decidedBy }),
            ApprovalDecision.SelfApproval => Error(StatusCodes.Status403Forbidden, BurlyErrorCodes.Forbidden, problem!),
            ApprovalDecision.NotFound => Error(StatusCodes.Status404NotFound, BurlyErrorCodes.InvalidArguments, problem!),
            _ => Error(StatusCodes.Status409Conflict, BurlyErrorCodes.InvalidArguments, problem!),
        };
    }

    private static IResult? Forbidden(HttpContext context) =>
        context.User.FindFirst(BurlyClaimTypes.Admin)?.Value == "true"
            ? null
            : Error(StatusCodes.Status403Forbidden, BurlyErrorCodes.Forbidden,
                "Deciding approvals needs an API key with the admin scope (e.g. BURLY_API_KEYS=boss:KEY:admin), or use `burly approvals approve ID` on the server.");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { ok = false, error = new { code, message } }, statusCode: status);
}
