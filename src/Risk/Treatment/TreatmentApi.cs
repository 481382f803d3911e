using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Risks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Treatment;

/// <summary>Treatment actions (rule 2). The risk's owner and managers plan them; an action's owner may update its progress.</summary>
public static class TreatmentApi
{
    public static IEndpointRouteBuilder MapTreatmentApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("api/risk/risks/{riskId:guid}/actions", Create).WithTags("Treatment")
            .RequireAuthorization(RiskPolicies.Contribute).WithName("CreateTreatmentAction").WithSummary("Adds a treatment action to a risk.");
        var api = app.MapGroup("api/risk/actions").WithTags("Treatment").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListTreatmentActions").WithSummary("Treatment actions across risks, with overdue age from today's date; owner=me is the caller, dueWithinDays keeps open actions due by then.");
        api.MapPut("{id:guid}", Update).RequireAuthorization(RiskPolicies.Contribute).WithName("UpdateTreatmentAction").WithSummary("Changes an action or its progress.");
        api.MapDelete("{id:guid}", Delete).RequireAuthorization(RiskPolicies.Contribute).WithName("DeleteTreatmentAction").WithSummary("Removes an action.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<TreatmentActionDto>>, ValidationProblem>> List(
        RiskDbContext db, Actor actor, TimeProvider clock, [AsParameters] PageRequest paging, CancellationToken cancellationToken,
        string? search = null, Guid? riskId = null, string? owner = null,
        TreatmentActionStatus? status = null, bool? overdue = null, int? dueWithinDays = null, TreatmentActionSort sort = TreatmentActionSort.DueOn)
    {
        var errors = paging.Validate(search).Check("owner", owner, dueWithinDays);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var today = clock.Today();
        var query = db.TreatmentActions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(a => a.Title.ToLower().Contains(term));
        }

        if (riskId is { } rid)
        {
            query = query.Where(a => a.RiskId == rid);
        }

        if (MyWorkFilters.PersonKey(owner, actor.Key) is { } key)
        {
            query = query.Where(a => a.Owner == key);
        }

        if (MyWorkFilters.DueBy(dueWithinDays, today) is { } dueBy)
        {
            // Open and due by the window's last day: the overdue ones are in every window.
            query = query.Where(a => (a.Status == TreatmentActionStatus.Planned || a.Status == TreatmentActionStatus.InProgress) && a.DueOn <= dueBy);
        }

        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (overdue is { } o)
        {
            query = query.Where(a => ((a.Status == TreatmentActionStatus.Planned || a.Status == TreatmentActionStatus.InProgress) && a.DueOn < today) == o);
        }

        query = sort switch
        {
            TreatmentActionSort.Newest => query.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id),
            TreatmentActionSort.Owner => query.OrderBy(a => a.Owner).ThenBy(a => a.DueOn).ThenBy(a => a.Id),
            _ => query.OrderBy(a => a.DueOn).ThenBy(a => a.Id),
        };
        var page = await query.ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(page.Select(a => TreatmentActionDto.From(a, today)));
    }

    public static async Task<Results<Created<TreatmentActionDto>, NotFound, ValidationProblem, ProblemHttpResult>> Create(
        Guid riskId, SaveTreatmentActionRequest request, RiskDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var risk = await db.Risks.FirstOrDefaultAsync(r => r.Id == riskId, cancellationToken);
        if (risk is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.CanEditOwned(risk.Owner, IsmsRoles.RiskOwner))
        {
            return Forbidden.Because("Only the risk's owner or an ISMS manager can plan its treatment.");
        }

        if (await members.RefuseNonMembersAsync(actor.Key, cancellationToken, ("owner", request.Owner)) is { } notMembers)
        {
            return TypedResults.ValidationProblem(notMembers);
        }

        var now = clock.GetUtcNow();
        var action = new TreatmentAction
        {
            RiskId = risk.Id, Title = request.Title.Trim(), Owner = request.Owner.Trim().ToLowerInvariant(), DueOn = request.DueOn,
            Status = request.Status, TicketUrl = request.TicketUrl, CreatedAt = now, UpdatedAt = now,
            CompletedAt = request.Status == TreatmentActionStatus.Done ? now : null,
        };
        db.TreatmentActions.Add(action);
        await TreatmentSchedule.RefreshAsync(db, risk, cancellationToken);
        db.AddEvent(RiskEvents.ActionChanged(action, risk, db, deleted: false, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/actions/{action.Id}", TreatmentActionDto.From(action, clock.Today()));
    }

    public static async Task<Results<Ok<TreatmentActionDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SaveTreatmentActionRequest request, RiskDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var action = await db.TreatmentActions.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var risk = action is null ? null : await db.Risks.FirstOrDefaultAsync(r => r.Id == action.RiskId, cancellationToken);
        if (action is null || risk is null)
        {
            return TypedResults.NotFound();
        }

        var isActionOwner = actor.Is(action.Owner) && actor.CanContribute;
        if (!actor.CanEditOwned(risk.Owner, IsmsRoles.RiskOwner) && !isActionOwner)
        {
            return Forbidden.Because("Only the action's owner, the risk's owner or an ISMS manager can change it.");
        }

        if (await members.RefuseNonMembersAsync(actor.Key, cancellationToken, ("owner", request.Owner.Trim().ToLowerInvariant() == action.Owner ? null : request.Owner)) is { } notMembers)
        {
            return TypedResults.ValidationProblem(notMembers);
        }

        db.ExpectVersion(action, (uint)request.Version);
        var now = clock.GetUtcNow();
        action.Title = request.Title.Trim();
        action.Owner = request.Owner.Trim().ToLowerInvariant();
        action.DueOn = request.DueOn;
        action.TicketUrl = request.TicketUrl;
        if (action.Status != request.Status)
        {
            action.Status = request.Status;
            action.CompletedAt = request.Status == TreatmentActionStatus.Done ? now : null;
        }

        action.UpdatedAt = now;
        await TreatmentSchedule.RefreshAsync(db, risk, cancellationToken);
        db.AddEvent(RiskEvents.ActionChanged(action, risk, db, deleted: false, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TreatmentActionDto.From(action, clock.Today()));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        Guid id, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var action = await db.TreatmentActions.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var risk = action is null ? null : await db.Risks.FirstOrDefaultAsync(r => r.Id == action.RiskId, cancellationToken);
        if (action is null || risk is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.CanEditOwned(risk.Owner, IsmsRoles.RiskOwner))
        {
            return Forbidden.Because("Only the risk's owner or an ISMS manager can remove its actions.");
        }

        db.TreatmentActions.Remove(action);
        await TreatmentSchedule.RefreshAsync(db, risk, cancellationToken);
        db.AddEvent(RiskEvents.ActionChanged(action, risk, db, deleted: true, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
