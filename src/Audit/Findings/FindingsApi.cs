using IsmsCloud.Audits.Access;
using IsmsCloud.Audits.Actions;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.Audits.Programme;
using IsmsCloud.Audits.Soa;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Audits.Findings;

/// <summary>Findings of the audits (rule 8): raised by auditors, with their recurrence computed and shown with links.</summary>
public static class FindingsApi
{
    public static IEndpointRouteBuilder MapFindingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/audit/findings").WithTags("Findings").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", ListFindings).WithName("ListFindings").WithSummary("Findings with their recurrence: paged, filtered, searched and sorted on the server.");
        api.MapGet("{id:guid}", GetFinding).WithName("GetFinding").WithSummary("One finding, the earlier findings that make it recur, and its corrective actions.");
        api.MapPut("{id:guid}", UpdateFinding).RequireAuthorization(AuditPolicies.Audit).WithName("UpdateFinding").WithSummary("Changes an open finding; publishes FindingChanged.");
        api.MapPost("{id:guid}/withdraw", WithdrawFinding).RequireAuthorization(AuditPolicies.Audit).WithName("WithdrawFinding").WithSummary("Withdraws a finding raised in error.");
        api.MapPost("{id:guid}/close", CloseFinding).RequireAuthorization(AuditPolicies.Audit).WithName("CloseFinding")
            .WithSummary("Closes a finding whose corrective actions are closed and checked effective.");
        app.MapPost("api/audit/audits/{auditId:guid}/findings", RaiseFinding).WithTags("Findings").RequireAuthorization(AuditPolicies.Audit)
            .WithName("RaiseFinding").WithSummary("Raises a finding in an audit; publishes FindingRaised.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<FindingDto>>, ValidationProblem>> ListFindings(
        AuditDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken,
        [FromQuery] Guid? auditId = null, [FromQuery] FindingKind? kind = null, [FromQuery] FindingStatus? status = null,
        [FromQuery] string? reference = null, [FromQuery] bool? recurring = null, [FromQuery] string? search = null,
        [FromQuery] FindingSort sort = FindingSort.Newest)
    {
        var errors = paging.Validate(search);
        if (reference is { Length: > 40 })
        {
            errors["reference"] = ["A reference has at most 40 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = FindingQueries.Sort(FindingQueries.Apply(db, new FindingFilter(auditId, kind, status, reference, recurring, search)), sort);
        return TypedResults.Ok(await FindingQueries.PageAsync(db, query, paging, cancellationToken));
    }

    public static async Task<Results<Ok<FindingDetailDto>, NotFound>> GetFinding(Guid id, AuditDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var detail = await DetailAsync(db, id, clock.Today(), cancellationToken);
        return detail is null ? TypedResults.NotFound() : TypedResults.Ok(detail);
    }

    internal static async Task<FindingDetailDto?> DetailAsync(AuditDbContext db, Guid id, DateOnly today, CancellationToken cancellationToken)
    {
        var row = await db.Findings.AsNoTracking().Where(f => f.Id == id)
            .Join(db.Audits, f => f.AuditId, a => a.Id, (f, a) => new { f, a.Title }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var earlier = await FindingRecurrence.EarlierOccurrences(db.Findings.AsNoTracking(), row.f)
            .OrderByDescending(f => f.RaisedOn).ThenBy(f => f.Id)
            .Join(db.Audits, f => f.AuditId, a => a.Id, (f, a) => new EarlierFindingDto(f.Id, f.AuditId, a.Title, f.Kind, f.RaisedOn, f.Status))
            .ToListAsync(cancellationToken);
        var actions = await db.CorrectiveActions.AsNoTracking().Where(a => a.FindingId == id).OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var files = await CorrectiveActionsApi.FilesOfAsync(db, actions, cancellationToken);
        return new FindingDetailDto(
            FindingQueries.ToDto(row.f, row.Title, earlier.Count > 0, actions.Count(a => a.IsOpen)),
            earlier,
            actions.Select(a => CorrectiveActionDto.From(a, today, files.GetValueOrDefault(a.EvidenceFileId ?? Guid.Empty))).ToList());
    }

    public static async Task<Results<Created<FindingDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> RaiseFinding(
        Guid auditId, RaiseFindingRequest request, AuditDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var audit = await db.Audits.AsNoTracking().FirstOrDefaultAsync(a => a.Id == auditId, cancellationToken);
        if (audit is null)
        {
            return TypedResults.NotFound();
        }

        if (!audit.AcceptsFindings)
        {
            return Refuse.Conflict($"The audit is {audit.Status}; findings are raised once it has started.");
        }

        var today = clock.Today();
        var raisedOn = request.RaisedOn ?? (audit.CompletedOn is { } end && end < today ? end : today);
        var errors = new Dictionary<string, string[]>();
        CheckKind(request.Kind, errors);
        var (reference, controlId) = await ResolveReferenceAsync(db, request.Reference, errors, cancellationToken);
        if (raisedOn < audit.StartedOn || raisedOn > (audit.CompletedOn ?? today) || raisedOn > today)
        {
            errors["raisedOn"] = [$"A finding is raised between the audit's start ({audit.StartedOn:yyyy-MM-dd}) and its end (or today)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var finding = new Finding
        {
            AuditId = auditId, Kind = request.Kind, ControlId = controlId, Description = request.Description.Trim(),
            EvidenceSeen = Trimmed(request.EvidenceSeen), RootCauseCategory = request.RootCauseCategory, RootCauseAnalysis = Trimmed(request.RootCauseAnalysis),
            Status = FindingStatus.Open, RaisedBy = actor.Key, CreatedAt = now, UpdatedAt = now,
        };
        finding.Place(reference, raisedOn);
        var recurring = await FindingRecurrence.EarlierOccurrences(db.Findings, finding).AnyAsync(cancellationToken);
        db.Findings.Add(finding);
        db.AddEvent(Raised(db, finding, recurring, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/audit/findings/{finding.Id}", await DetailAsync(db, finding.Id, today, cancellationToken));
    }

    public static async Task<Results<Ok<FindingDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateFinding(
        Guid id, UpdateFindingRequest request, AuditDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (finding, audit) = await LoadAsync(db, id, cancellationToken);
        if (finding is null || audit is null)
        {
            return TypedResults.NotFound();
        }

        if (CanChange(actor, finding, audit) is { } forbidden)
        {
            return forbidden;
        }

        if (!finding.IsActive)
        {
            return Refuse.Conflict($"The finding is {finding.Status}; only an open finding can be changed.");
        }

        var errors = new Dictionary<string, string[]>();
        CheckKind(request.Kind, errors);
        var (reference, controlId) = await ResolveReferenceAsync(db, request.Reference, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(finding, (uint)request.Version);
        var now = clock.GetUtcNow();
        finding.Kind = request.Kind;
        finding.Place(reference, finding.RaisedOn);
        finding.ControlId = controlId;
        finding.Description = request.Description.Trim();
        finding.EvidenceSeen = Trimmed(request.EvidenceSeen);
        finding.RootCauseCategory = request.RootCauseCategory;
        finding.RootCauseAnalysis = Trimmed(request.RootCauseAnalysis);
        finding.UpdatedAt = now;
        await AddChangedAsync(db, finding, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await DetailAsync(db, id, clock.Today(), cancellationToken))!);
    }

    public static async Task<Results<Ok<FindingDetailDto>, NotFound, ProblemHttpResult>> WithdrawFinding(
        Guid id, WithdrawFindingRequest request, AuditDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (finding, audit) = await LoadAsync(db, id, cancellationToken);
        if (finding is null || audit is null)
        {
            return TypedResults.NotFound();
        }

        if (CanChange(actor, finding, audit) is { } forbidden)
        {
            return forbidden;
        }

        var now = clock.GetUtcNow();
        if (finding.Withdraw(request.Reason.Trim(), now) is { } refusal)
        {
            return Refuse.Conflict(refusal);
        }

        db.ExpectVersion(finding, (uint)request.Version);
        await AddChangedAsync(db, finding, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await DetailAsync(db, id, clock.Today(), cancellationToken))!);
    }

    public static async Task<Results<Ok<FindingDetailDto>, NotFound, ProblemHttpResult>> CloseFinding(
        Guid id, VersionRequest request, AuditDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (finding, audit) = await LoadAsync(db, id, cancellationToken);
        if (finding is null || audit is null)
        {
            return TypedResults.NotFound();
        }

        if (CanChange(actor, finding, audit) is { } forbidden)
        {
            return forbidden;
        }

        var actions = await db.CorrectiveActions.AsNoTracking().Where(a => a.FindingId == id).ToListAsync(cancellationToken);
        if (finding.CloseRefusal(actions) is { } refusal)
        {
            return Refuse.Conflict(refusal);
        }

        var now = clock.GetUtcNow();
        db.ExpectVersion(finding, (uint)request.Version);
        finding.Close(clock.Today(), now);
        await AddChangedAsync(db, finding, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await DetailAsync(db, id, clock.Today(), cancellationToken))!);
    }

    /// <summary>Queues FindingChanged with the finding's whole state after the pending change.</summary>
    internal static async Task AddChangedAsync(AuditDbContext db, Finding finding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recurring = await FindingRecurrence.EarlierOccurrences(db.Findings, finding).AnyAsync(cancellationToken);
        db.AddEvent(Changed(db, finding, recurring, now));
    }

    internal static FindingRaised Raised(AuditDbContext db, Finding finding, bool recurring, DateTimeOffset at) =>
        new(db.CurrentTenantId, finding.Id, finding.AuditId, finding.Kind.ToString(), finding.Reference, finding.ControlId,
            finding.Status.ToString(), finding.RaisedOn, recurring, at, EventVersion.After(db, finding));

    internal static FindingChanged Changed(AuditDbContext db, Finding finding, bool recurring, DateTimeOffset at) =>
        new(db.CurrentTenantId, finding.Id, finding.AuditId, finding.Kind.ToString(), finding.Reference, finding.ControlId,
            finding.Status.ToString(), finding.RaisedOn, recurring, at, EventVersion.After(db, finding));

    private static async Task<(Finding? Finding, Audit? Audit)> LoadAsync(AuditDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        var audit = finding is null ? null : await db.Audits.AsNoTracking().FirstOrDefaultAsync(a => a.Id == finding.AuditId, cancellationToken);
        return (finding, audit);
    }

    /// <summary>A finding is changed by whoever raised it, the audit's auditor, or an ISMS manager.</summary>
    private static ProblemHttpResult? CanChange(Actor actor, Finding finding, Audit audit) =>
        actor.IsManager || actor.Is(finding.RaisedBy) || actor.Is(audit.Auditor)
            ? null
            : Refuse.Forbidden("Only the auditor who raised the finding, the audit's auditor or an ISMS manager can change it.");

    private static void CheckKind(FindingKind kind, Dictionary<string, string[]> errors)
    {
        if (!Enum.IsDefined(kind))
        {
            errors["kind"] = ["Unknown kind of finding."];
        }
    }

    /// <summary>A clause of ISO/IEC 27001:2022 (4.1–10.2) or a control of the tenant's SoA; the control's id when risk-api announced it.</summary>
    internal static async Task<(string Reference, Guid? ControlId)> ResolveReferenceAsync(
        AuditDbContext db, string raw, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var reference = ReferenceCatalogue.Normalize(raw);
        if (ReferenceCatalogue.IsClause(reference))
        {
            return (reference, null);
        }

        var known = await db.KnownControls.AsNoTracking().Where(c => c.Reference == reference).Select(c => (Guid?)c.ControlId).FirstOrDefaultAsync(cancellationToken);
        if (known is null && !ReferenceCatalogue.IsAnnexA(reference))
        {
            errors["reference"] = [$"'{raw.Trim()}' is neither a clause of ISO/IEC 27001:2022 (4.1–10.2) nor a control of the tenant's Statement of Applicability."];
        }

        return (reference, known);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
