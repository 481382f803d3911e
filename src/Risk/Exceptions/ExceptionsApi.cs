using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Exceptions;

/// <summary>Control exceptions (rule 6): requested by one person, approved by another, always with an end date.</summary>
public static class ExceptionsApi
{
    public static IEndpointRouteBuilder MapExceptionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/risk/exceptions").WithTags("Control exceptions").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListExceptions").WithSummary("Exceptions with their age, renewals, expiry and permanence; owner=me is the caller (requester or control owner), dueWithinDays keeps those ending by then or expired.");
        api.MapGet("{id:guid}", Get).WithName("GetException").WithSummary("One exception.");
        api.MapPost("", Request).RequireAuthorization(RiskPolicies.Contribute).WithName("RequestException").WithSummary("Requests an exception to a control.");
        api.MapPost("{id:guid}/approve", Approve).RequireAuthorization(RiskPolicies.Approve).WithName("ApproveException").WithSummary("Grants a requested exception until a date.");
        api.MapPost("{id:guid}/reject", Reject).RequireAuthorization(RiskPolicies.Approve).WithName("RejectException").WithSummary("Rejects a requested exception.");
        api.MapPost("{id:guid}/renew", Renew).RequireAuthorization(RiskPolicies.Approve).WithName("RenewException").WithSummary("Grants a further period; counted towards permanence.");
        api.MapPost("{id:guid}/close", Close).RequireAuthorization(RiskPolicies.Contribute).WithName("CloseException").WithSummary("Closes an exception that is no longer needed.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<ExceptionDto>>, ValidationProblem>> List(
        RiskDbContext db, Actor actor, TimeProvider clock, [AsParameters] PageRequest paging, CancellationToken cancellationToken, string? search = null,
        ExceptionStatus? status = null, Guid? controlId = null, Guid? riskId = null, bool? permanent = null, string? owner = null, int? dueWithinDays = null,
        ExceptionSort sort = ExceptionSort.ExpiresOn)
    {
        var errors = paging.Validate(search).Check("owner", owner, dueWithinDays);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var today = clock.Today();
        var query = db.ControlExceptions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(e => e.AffectedScope.ToLower().Contains(term) || e.Reason.ToLower().Contains(term));
        }

        if (status is { } s)
        {
            query = query.Where(e => e.Status == s);
        }

        if (controlId is { } c)
        {
            query = query.Where(e => e.ControlId == c);
        }

        if (riskId is { } r)
        {
            query = query.Where(e => e.RiskId == r);
        }

        if (permanent is { } p)
        {
            query = query.Where(ControlException.Permanent.On(today, met: p));
        }

        if (MyWorkFilters.PersonKey(owner, actor.Key) is { } key)
        {
            // An exception is its requester's to renew or close, and the control's owner's, whose control it departs from.
            query = query.Where(e => e.RequestedBy == key || db.Controls.Any(c => c.Id == e.ControlId && c.Owner == key));
        }

        if (MyWorkFilters.DueBy(dueWithinDays, today) is { } dueBy)
        {
            // Granted and ending by the window's last day, or already expired and never closed.
            query = query.Where(e => (e.Status == ExceptionStatus.Approved && e.ExpiresOn <= dueBy) || e.Status == ExceptionStatus.Expired);
        }

        query = sort switch
        {
            ExceptionSort.Oldest => query.OrderBy(e => e.FirstGrantedAt ?? e.RequestedAt).ThenBy(e => e.Id),
            ExceptionSort.Newest => query.OrderByDescending(e => e.RequestedAt).ThenBy(e => e.Id),
            _ => query.OrderBy(e => e.ExpiresOn ?? e.RequestedExpiresOn).ThenBy(e => e.Id),
        };
        var page = await query.ToPageAsync(paging, rows => rows
            .Join(db.Controls, e => e.ControlId, ctl => ctl.Id, (e, ctl) => new { e, ctl.Reference, ctl.Title })
            .Join(db.Risks, x => x.e.RiskId, risk => risk.Id, (x, risk) => new { x.e, x.Reference, x.Title, RiskTitle = risk.Title }),
            cancellationToken);
        return TypedResults.Ok(page.Select(x => ToDto(x.e, x.Reference, x.Title, x.RiskTitle, today)));
    }

    public static async Task<Results<Ok<ExceptionDto>, NotFound>> Get(Guid id, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var dto = await LoadDtoAsync(db, id, clock.Today(), cancellationToken);
        return dto is null ? TypedResults.NotFound() : TypedResults.Ok(dto);
    }

    public static async Task<Results<Created<ExceptionDto>, ValidationProblem>> Request(
        RequestExceptionRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await db.Controls.AnyAsync(c => c.Id == request.ControlId, cancellationToken))
        {
            errors["controlId"] = ["The control does not exist."];
        }

        if (!await db.Risks.AnyAsync(r => r.Id == request.RiskId, cancellationToken))
        {
            errors["riskId"] = ["The risk does not exist."];
        }

        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        var today = clock.Today();
        if (request.RequestedExpiresOn <= today || request.RequestedExpiresOn > today.AddDays(settings.MaxExceptionDays))
        {
            errors["requestedExpiresOn"] = [$"The expiry must be after today and at most {settings.MaxExceptionDays} days away."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var exception = new ControlException
        {
            ControlId = request.ControlId, RiskId = request.RiskId, AffectedScope = request.AffectedScope.Trim(), Reason = request.Reason.Trim(),
            CompensatingControls = request.CompensatingControls.Trim(), RequestedBy = actor.Key, RequestedAt = clock.GetUtcNow(),
            RequestedExpiresOn = request.RequestedExpiresOn,
        };
        db.ControlExceptions.Add(exception);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/exceptions/{exception.Id}", (await LoadDtoAsync(db, exception.Id, today, cancellationToken))!);
    }

    public static Task<Results<Ok<ExceptionDto>, NotFound, ValidationProblem, ProblemHttpResult>> Approve(
        Guid id, DecideExceptionRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken) =>
        GrantAsync(id, request, db, actor, clock, renewal: false, cancellationToken);

    public static Task<Results<Ok<ExceptionDto>, NotFound, ValidationProblem, ProblemHttpResult>> Renew(
        Guid id, DecideExceptionRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken) =>
        GrantAsync(id, request, db, actor, clock, renewal: true, cancellationToken);

    public static async Task<Results<Ok<ExceptionDto>, NotFound, ValidationProblem, ProblemHttpResult>> Reject(
        Guid id, DecideExceptionRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var exception = await db.ControlExceptions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (exception is null)
        {
            return TypedResults.NotFound();
        }

        var check = exception.CheckReject(actor);
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }

        db.ExpectVersion(exception, (uint)request.Version);
        exception.Reject(actor.Key, clock.GetUtcNow(), request.Note);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await LoadDtoAsync(db, id, clock.Today(), cancellationToken))!);
    }

    public static async Task<Results<Ok<ExceptionDto>, NotFound, ValidationProblem, ProblemHttpResult>> Close(
        Guid id, DecideExceptionRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var exception = await db.ControlExceptions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (exception is null)
        {
            return TypedResults.NotFound();
        }

        var check = exception.CheckClose(actor);
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }

        db.ExpectVersion(exception, (uint)request.Version);
        var now = clock.GetUtcNow();
        var wasGranted = exception.FirstGrantedAt is not null;
        exception.Close(now, request.Note);
        if (wasGranted)
        {
            db.AddEvent(await ExceptionEvents.CreateAsync(db, exception, ExceptionEventKind.Closed, clock.Today(), now, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await LoadDtoAsync(db, id, clock.Today(), cancellationToken))!);
    }

    private static async Task<Results<Ok<ExceptionDto>, NotFound, ValidationProblem, ProblemHttpResult>> GrantAsync(
        Guid id, DecideExceptionRequest request, RiskDbContext db, Actor actor, TimeProvider clock, bool renewal, CancellationToken cancellationToken)
    {
        var exception = await db.ControlExceptions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (exception is null)
        {
            return TypedResults.NotFound();
        }

        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        var today = clock.Today();
        var expiresOn = request.ExpiresOn ?? exception.RequestedExpiresOn;
        var check = exception.CheckGrant(actor, expiresOn, today, settings.MaxExceptionDays, renewal);
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }

        db.ExpectVersion(exception, (uint)request.Version);
        var now = clock.GetUtcNow();
        if (renewal)
        {
            exception.Renew(actor.Key, expiresOn, now, request.Note);
            db.AddEvent(await ExceptionEvents.CreateAsync(db, exception, ExceptionEventKind.Renewed, today, now, cancellationToken));
        }
        else
        {
            exception.Grant(actor.Key, expiresOn, now, request.Note);
            db.AddEvent(await ExceptionEvents.CreateAsync(db, exception, ExceptionEventKind.Granted, today, now, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await LoadDtoAsync(db, id, today, cancellationToken))!);
    }


    private static async Task<ExceptionDto?> LoadDtoAsync(RiskDbContext db, Guid id, DateOnly today, CancellationToken cancellationToken)
    {
        var row = await db.ControlExceptions.AsNoTracking().Where(e => e.Id == id)
            .Join(db.Controls, e => e.ControlId, c => c.Id, (e, c) => new { e, c.Reference, c.Title })
            .Join(db.Risks, x => x.e.RiskId, r => r.Id, (x, r) => new { x.e, x.Reference, x.Title, RiskTitle = r.Title })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToDto(row.e, row.Reference, row.Title, row.RiskTitle, today);
    }

    private static ExceptionDto ToDto(ControlException e, string reference, string title, string riskTitle, DateOnly today) => new(
        e.Id, e.ControlId, reference, title, e.RiskId, riskTitle, e.AffectedScope, e.Reason, e.CompensatingControls, e.RequestedBy,
        e.RequestedAt, e.RequestedExpiresOn, e.ApprovedBy, e.GrantedAt, e.FirstGrantedAt, e.ExpiresOn, e.Status, e.RenewalCount,
        e.AgeDays(today), e.IsPermanent(today),
        e.Status == ExceptionStatus.Approved && e.ExpiresOn is { } x ? x.DayNumber - today.DayNumber : null,
        e.DecisionNote, e.Version);
}
