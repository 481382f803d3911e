using IsmsCloud.Audits.Access;
using IsmsCloud.Audits.Findings;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Audits.Programme;

/// <summary>The audit programme: audits planned per year, started (AuditStarted) and completed (AuditCompleted).</summary>
public static class AuditsApi
{
    public static IEndpointRouteBuilder MapAuditsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/audit/audits").WithTags("Audit programme").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", ListAudits).WithName("ListAudits").WithSummary("The audit programme: paged, filtered by year, kind and status, searched and sorted.");
        api.MapGet("{id:guid}", GetAudit).WithName("GetAudit").WithSummary("One audit.");
        api.MapPost("", CreateAudit).RequireAuthorization(AuditPolicies.Manage).WithName("CreateAudit").WithSummary("Plans an audit.");
        api.MapPut("{id:guid}", UpdateAudit).RequireAuthorization(AuditPolicies.Manage).WithName("UpdateAudit").WithSummary("Changes an audit's plan; carries the version read.");
        api.MapPost("{id:guid}/start", StartAudit).RequireAuthorization(AuditPolicies.Audit).WithName("StartAudit").WithSummary("Records the actual start; publishes AuditStarted.");
        api.MapPost("{id:guid}/complete", CompleteAudit).RequireAuthorization(AuditPolicies.Audit).WithName("CompleteAudit").WithSummary("Records the actual end; publishes AuditCompleted.");
        api.MapPost("{id:guid}/cancel", CancelAudit).RequireAuthorization(AuditPolicies.Manage).WithName("CancelAudit").WithSummary("Cancels a planned or running audit.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<AuditDto>>, ValidationProblem>> ListAudits(
        AuditDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken,
        [FromQuery] int? year = null, [FromQuery] AuditKind? kind = null, [FromQuery] AuditStatus? status = null,
        [FromQuery] string? search = null, [FromQuery] AuditSort sort = AuditSort.PlannedStartDescending)
    {
        var errors = paging.Validate(search);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = Filter(db, year, kind, status, search);
        query = sort switch
        {
            AuditSort.PlannedStart => query.OrderBy(a => a.PlannedStartOn).ThenBy(a => a.Id),
            AuditSort.Title => query.OrderBy(a => a.Title).ThenBy(a => a.Id),
            _ => query.OrderByDescending(a => a.PlannedStartOn).ThenBy(a => a.Id),
        };
        var page = await query.ToPageAsync(paging, q => Project(db, q), cancellationToken);
        return TypedResults.Ok(page);
    }

    internal static IQueryable<Audit> Filter(AuditDbContext db, int? year, AuditKind? kind, AuditStatus? status, string? search)
    {
        var query = db.Audits.AsNoTracking();
        if (year is { } y)
        {
            query = query.Where(a => a.Year == y);
        }

        if (kind is { } k)
        {
            query = query.Where(a => a.Kind == k);
        }

        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(a => a.Title.ToLower().Contains(term) || a.Scope.ToLower().Contains(term)
                || (a.Auditor != null && a.Auditor.Contains(term)) || (a.ExternalBody != null && a.ExternalBody.ToLower().Contains(term)));
        }

        return query;
    }

    private static IQueryable<AuditDto> Project(AuditDbContext db, IQueryable<Audit> audits) => audits.Select(a => new AuditDto(
        a.Id, a.Title, a.Kind, a.Year, a.Scope, a.Criteria, a.Auditor, a.ExternalBody, a.PlannedStartOn, a.PlannedEndOn, a.StartedOn, a.CompletedOn,
        a.Status,
        db.Findings.Count(f => f.AuditId == a.Id),
        db.Findings.Count(f => f.AuditId == a.Id && (f.Status == FindingStatus.Open || f.Status == FindingStatus.ActionsCompleted)),
        a.Version, a.UpdatedAt));

    public static async Task<Results<Ok<AuditDto>, NotFound>> GetAudit(Guid id, AuditDbContext db, CancellationToken cancellationToken)
    {
        var audit = await Project(db, db.Audits.AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(cancellationToken);
        return audit is null ? TypedResults.NotFound() : TypedResults.Ok(audit);
    }

    public static async Task<Results<Created<AuditDto>, ValidationProblem>> CreateAudit(
        SaveAuditRequest request, AuditDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(request, null, actor, members, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var audit = new Audit { Title = "", Scope = "", Criteria = "", CreatedAt = now, Status = AuditStatus.Planned };
        Apply(audit, request, now);
        db.Audits.Add(audit);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/audit/audits/{audit.Id}", ToDto(audit, 0, 0));
    }

    public static async Task<Results<Ok<AuditDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAudit(
        Guid id, SaveAuditRequest request, AuditDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var audit = await db.Audits.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (audit is null)
        {
            return TypedResults.NotFound();
        }

        if (audit.Status is AuditStatus.Completed or AuditStatus.Cancelled)
        {
            return Refuse.Conflict($"The audit is {audit.Status}; its plan can no longer change.");
        }

        var errors = await ValidateAsync(request, audit, actor, members, cancellationToken);
        if (audit.Status != AuditStatus.Planned && request.Kind != audit.Kind)
        {
            errors["kind"] = ["The kind of an audit that has started cannot change."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(audit, (uint)request.Version);
        Apply(audit, request, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await Project(db, db.Audits.AsNoTracking().Where(a => a.Id == id)).FirstAsync(cancellationToken));
    }

    public static Task<Results<Ok<AuditDto>, NotFound, ValidationProblem, ProblemHttpResult>> StartAudit(
        Guid id, AuditStepRequest request, AuditDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken) =>
        StepAsync(id, request, db, actor, clock, (audit, on, today, now) =>
        {
            var refusal = audit.Start(on, today, now);
            if (refusal is null)
            {
                db.AddEvent(Started(db, audit, now));
            }

            return refusal;
        }, cancellationToken);

    public static Task<Results<Ok<AuditDto>, NotFound, ValidationProblem, ProblemHttpResult>> CompleteAudit(
        Guid id, AuditStepRequest request, AuditDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken) =>
        StepAsync(id, request, db, actor, clock, (audit, on, today, now) =>
        {
            var refusal = audit.Complete(on, today, now);
            if (refusal is null)
            {
                db.AddEvent(Completed(db, audit, now));
            }

            return refusal;
        }, cancellationToken);

    /// <summary>The event of a started audit (also what a republication sends for one not completed).</summary>
    internal static AuditStarted Started(AuditDbContext db, Audit audit, DateTimeOffset at) =>
        new(db.CurrentTenantId, audit.Id, audit.Title, audit.Kind, audit.ExternalBody, audit.StartedOn!.Value, at, EventVersion.After(db, audit));

    /// <summary>The event of a completed audit, with its start date.</summary>
    internal static AuditCompleted Completed(AuditDbContext db, Audit audit, DateTimeOffset at) =>
        new(db.CurrentTenantId, audit.Id, audit.Title, audit.Kind, audit.ExternalBody, audit.CompletedOn!.Value, at, audit.StartedOn, EventVersion.After(db, audit));

    public static async Task<Results<Ok<AuditDto>, NotFound, ProblemHttpResult>> CancelAudit(
        Guid id, VersionRequest request, AuditDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var audit = await db.Audits.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (audit is null)
        {
            return TypedResults.NotFound();
        }

        if (audit.Cancel(clock.GetUtcNow()) is { } refusal)
        {
            return Refuse.Conflict(refusal);
        }

        db.ExpectVersion(audit, (uint)request.Version);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await Project(db, db.Audits.AsNoTracking().Where(a => a.Id == id)).FirstAsync(cancellationToken));
    }

    private static async Task<Results<Ok<AuditDto>, NotFound, ValidationProblem, ProblemHttpResult>> StepAsync(
        Guid id, AuditStepRequest request, AuditDbContext db, Actor actor, TimeProvider clock,
        Func<Audit, DateOnly, DateOnly, DateTimeOffset, string?> step, CancellationToken cancellationToken)
    {
        var audit = await db.Audits.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (audit is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.IsManager && !actor.Is(audit.Auditor))
        {
            return Refuse.Forbidden("Only the audit's auditor or an ISMS manager can start or complete it.");
        }

        var today = clock.Today();
        var on = request.On ?? today;
        if (on.Year < 2000)
        {
            return Refuse.Field("on", "Give a real date.");
        }

        if (step(audit, on, today, clock.GetUtcNow()) is { } refusal)
        {
            return Refuse.Conflict(refusal);
        }

        db.ExpectVersion(audit, (uint)request.Version);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await Project(db, db.Audits.AsNoTracking().Where(a => a.Id == id)).FirstAsync(cancellationToken));
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(
        SaveAuditRequest request, Audit? existing, Actor actor, MemberDirectory members, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(request.Kind))
        {
            errors["kind"] = ["Unknown kind of audit."];
        }

        foreach (var (field, message) in Audit.CheckAuditor(request.Kind, request.Auditor, request.ExternalBody)
                     .Concat(Audit.CheckPlan(request.Year, request.PlannedStartOn, request.PlannedEndOn)))
        {
            errors.TryAdd(field, [message]);
        }

        var auditor = NormalizeEmail(request.Auditor);
        if (!errors.ContainsKey("auditor") && auditor != existing?.Auditor
            && await members.RefuseNonMembersAsync(actor.Key, cancellationToken, ("auditor", auditor)) is { } notMembers)
        {
            errors["auditor"] = notMembers["auditor"];
        }

        return errors;
    }

    private static void Apply(Audit audit, SaveAuditRequest request, DateTimeOffset now)
    {
        audit.Title = request.Title.Trim();
        audit.Kind = request.Kind;
        audit.Year = request.Year;
        audit.Scope = request.Scope.Trim();
        audit.Criteria = request.Criteria.Trim();
        audit.Auditor = NormalizeEmail(request.Auditor);
        audit.ExternalBody = string.IsNullOrWhiteSpace(request.ExternalBody) ? null : request.ExternalBody.Trim();
        audit.PlannedStartOn = request.PlannedStartOn;
        audit.PlannedEndOn = request.PlannedEndOn;
        audit.UpdatedAt = now;
    }

    internal static string? NormalizeEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    private static AuditDto ToDto(Audit a, int findings, int open) => new(
        a.Id, a.Title, a.Kind, a.Year, a.Scope, a.Criteria, a.Auditor, a.ExternalBody, a.PlannedStartOn, a.PlannedEndOn, a.StartedOn, a.CompletedOn,
        a.Status, findings, open, a.Version, a.UpdatedAt);
}
