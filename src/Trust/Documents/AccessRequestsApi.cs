using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.Trust.Files;
using IsmsCloud.Trust.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Trust.Documents;

/// <summary>The tenant's side of NDA requests: list, approve (issues the personal link), reject.</summary>
public static class AccessRequestsApi
{
    public static IEndpointRouteBuilder MapAccessRequestsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/trust/access-requests").WithTags("Access requests").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", ListRequests).WithName("ListAccessRequests").WithSummary("Lists NDA access requests, newest first, optionally by status.");
        api.MapGet("{id:guid}", GetRequest).WithName("GetAccessRequest").WithSummary("Gets one access request.");
        api.MapPost("{id:guid}/approve", Approve).RequireAuthorization(TrustPolicies.EditTrust).WithName("ApproveAccessRequest")
            .WithSummary("Approves a pending request and returns its personal, time-limited download link (shown once).");
        api.MapPost("{id:guid}/reject", Reject).RequireAuthorization(TrustPolicies.EditTrust).WithName("RejectAccessRequest").WithSummary("Rejects a pending request.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<AccessRequestDto>>, ValidationProblem>> ListRequests(
        TrustDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken, AccessRequestStatus? status = null)
    {
        var errors = paging.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.AccessRequests.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(r => r.Status == wanted);
        }

        var page = await query.OrderByDescending(r => r.RequestedAt).ToPageAsync(paging, cancellationToken);
        var titles = await TitlesAsync(db, page.Items.Select(r => r.DocumentId), cancellationToken);
        return TypedResults.Ok(page.Select(r => AccessRequestDto.From(r, titles.GetValueOrDefault(r.DocumentId, "(removed document)"))));
    }

    public static async Task<Results<Ok<AccessRequestDto>, NotFound>> GetRequest(Guid id, TrustDbContext db, CancellationToken cancellationToken)
    {
        var request = await db.AccessRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return TypedResults.NotFound();
        }

        var titles = await TitlesAsync(db, [request.DocumentId], cancellationToken);
        return TypedResults.Ok(AccessRequestDto.From(request, titles.GetValueOrDefault(request.DocumentId, "(removed document)")));
    }

    public static async Task<Results<Ok<AccessApprovedDto>, NotFound, ProblemHttpResult>> Approve(
        Guid id, DecideAccessRequest decision, TrustDbContext db, TimeProvider clock, IOptions<TrustOptions> options, HttpContext http,
        CancellationToken cancellationToken)
    {
        var request = await db.AccessRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return TypedResults.NotFound();
        }

        if (request.Status != AccessRequestStatus.Pending)
        {
            return AlreadyDecided();
        }

        var slug = await db.Profiles.AsNoTracking().Select(p => p.Slug).FirstAsync(cancellationToken);
        db.ExpectVersion(request, (uint)decision.Version);
        var token = request.Approve(ActorName.Of(http.User), decision.Note?.Trim(), clock.GetUtcNow(), options.Value.NdaLinkLifetime);
        await db.SaveChangesAsync(cancellationToken);
        var titles = await TitlesAsync(db, [request.DocumentId], cancellationToken);
        return TypedResults.Ok(new AccessApprovedDto(
            AccessRequestDto.From(request, titles.GetValueOrDefault(request.DocumentId, "(removed document)")),
            $"/trust/{slug}/access/{token}", request.LinkExpiresAt!.Value));
    }

    public static async Task<Results<Ok<AccessRequestDto>, NotFound, ProblemHttpResult>> Reject(
        Guid id, DecideAccessRequest decision, TrustDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var request = await db.AccessRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return TypedResults.NotFound();
        }

        if (request.Status != AccessRequestStatus.Pending)
        {
            return AlreadyDecided();
        }

        db.ExpectVersion(request, (uint)decision.Version);
        request.Reject(ActorName.Of(http.User), decision.Note?.Trim(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var titles = await TitlesAsync(db, [request.DocumentId], cancellationToken);
        return TypedResults.Ok(AccessRequestDto.From(request, titles.GetValueOrDefault(request.DocumentId, "(removed document)")));
    }

    private static ProblemHttpResult AlreadyDecided() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "The request has already been decided.");

    private static async Task<Dictionary<Guid, string>> TitlesAsync(TrustDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Documents.AsNoTracking().Where(d => wanted.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Title, cancellationToken);
    }
}
