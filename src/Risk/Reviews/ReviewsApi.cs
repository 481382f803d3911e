using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Reviews;

/// <summary>The open "look at this again" tasks the system raised (AI systems added, acceptances and exceptions expired).</summary>
public static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/risk/reviews").WithTags("Reviews").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListReviews").WithSummary("Review tasks, open ones first; owner=me keeps those on the caller's risks and controls.");
        api.MapPost("{id:guid}/resolve", Resolve).RequireAuthorization(RiskPolicies.Contribute).WithName("ResolveReview").WithSummary("Resolves a review task with a note.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<ReviewTaskDto>>, ValidationProblem>> List(
        RiskDbContext db, Actor actor, [AsParameters] PageRequest paging, CancellationToken cancellationToken, bool? open = true, string? owner = null)
    {
        var errors = paging.Validate().Check("owner", owner);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.ReviewTasks.AsNoTracking();
        if (open is { } o)
        {
            query = o ? query.Where(r => r.ResolvedAt == null) : query.Where(r => r.ResolvedAt != null);
        }

        if (MyWorkFilters.PersonKey(owner, actor.Key) is { } key)
        {
            // A review is for whoever owns the record it is about.
            query = query.Where(r => (r.Subject == ReviewSubject.Risk && db.Risks.Any(x => x.Id == r.SubjectId && x.Owner == key))
                || (r.Subject == ReviewSubject.Control && db.Controls.Any(x => x.Id == r.SubjectId && x.Owner == key)));
        }

        return TypedResults.Ok(await query.OrderByDescending(r => r.OpenedAt).ThenBy(r => r.Id).ToPageAsync(paging,
            rows => rows.Select(r => new ReviewTaskDto(r.Id, r.Subject, r.SubjectId, r.Reason, r.OpenedAt, r.ResolvedAt, r.ResolvedBy, r.Resolution)),
            cancellationToken));
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> Resolve(
        Guid id, ResolveReviewRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var review = await db.ReviewTasks.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return TypedResults.NotFound();
        }

        if (!review.IsOpen)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["The review is already resolved."] });
        }

        ReviewTasks.Resolve(db, review, actor.Key, clock.GetUtcNow(), request.Resolution.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
