using System.ComponentModel.DataAnnotations;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Treatment;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Incidents;

public sealed record IncidentControlLink(Guid ControlId, ControlRole Role);

public sealed record SaveIncidentRequest(
    [property: Required, StringLength(300, MinimumLength = 3)] string Title,
    IncidentSeverity Severity,
    DateTimeOffset OccurredAt,
    DateTimeOffset DetectedAt,
    DateTimeOffset? ResolvedAt = null,
    [property: StringLength(8000)] string? Description = null,
    [property: MaxLength(100)] IReadOnlyList<IncidentControlLink>? Controls = null,
    [property: MaxLength(100)] IReadOnlyList<Guid>? RiskIds = null,
    [property: Range(0, uint.MaxValue)] long Version = 0);

/// <summary>A lesson learned becomes a treatment action on a risk (rule 7).</summary>
public sealed record AddLessonRequest(
    [property: Required, StringLength(300, MinimumLength = 3)] string Lesson,
    Guid RiskId,
    [property: Required, EmailAddress, StringLength(200)] string Owner,
    DateOnly DueOn);

public sealed record CloseIncidentRequest([property: StringLength(2000)] string? NoControlReason, [property: Range(0, uint.MaxValue)] long Version);

public sealed record IncidentDto(
    Guid Id, string Title, string? Description, IncidentSeverity Severity, DateTimeOffset OccurredAt, DateTimeOffset DetectedAt,
    DateTimeOffset? ResolvedAt, IncidentStatus Status, string ReportedBy, string? NoControlReason, DateTimeOffset? ClosedAt, uint Version)
{
    public static IncidentDto From(Incident i) => new(i.Id, i.Title, i.Description, i.Severity, i.OccurredAt, i.DetectedAt, i.ResolvedAt,
        i.Status, i.ReportedBy, i.NoControlReason, i.ClosedAt, i.Version);
}

public sealed record IncidentDetailDto(IncidentDto Incident, IReadOnlyList<LinkedRecord> Controls, IReadOnlyList<LinkedRecord> Risks, IReadOnlyList<TreatmentActionDto> Lessons);

/// <summary>Incidents (rule 7): traced to controls and risks, lessons turned into treatment actions, closed only with a control or a reason.</summary>
public static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/risk/incidents").WithTags("Incidents").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListIncidents").WithSummary("Incidents, newest first.");
        api.MapGet("{id:guid}", Get).WithName("GetIncident").WithSummary("One incident with its controls, risks and lessons.");
        api.MapPost("", Create).RequireAuthorization(RiskPolicies.Contribute).WithName("CreateIncident").WithSummary("Records an incident.");
        api.MapPut("{id:guid}", Update).RequireAuthorization(RiskPolicies.Contribute).WithName("UpdateIncident").WithSummary("Changes an open incident and its links.");
        api.MapPost("{id:guid}/lessons", AddLesson).RequireAuthorization(RiskPolicies.Contribute).WithName("AddIncidentLesson").WithSummary("Turns a lesson learned into a treatment action.");
        api.MapPost("{id:guid}/close", Close).RequireAuthorization(RiskPolicies.Contribute).WithName("CloseIncident").WithSummary("Closes the incident: needs a linked control or a reason why none applies.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<IncidentDto>>, ValidationProblem>> List(
        RiskDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken, string? search = null,
        IncidentSeverity? severity = null, IncidentStatus? status = null)
    {
        var errors = paging.Validate(search);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Incidents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(i => i.Title.ToLower().Contains(term));
        }

        if (severity is { } sev)
        {
            query = query.Where(i => i.Severity == sev);
        }

        if (status is { } st)
        {
            query = query.Where(i => i.Status == st);
        }

        var page = await query.OrderByDescending(i => i.OccurredAt).ThenBy(i => i.Id).ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(page.Select(IncidentDto.From));
    }

    public static async Task<Results<Ok<IncidentDetailDto>, NotFound>> Get(Guid id, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return TypedResults.NotFound();
        }

        var controls = await db.IncidentControls.Where(l => l.IncidentId == id)
            .Join(db.Controls, l => l.ControlId, c => c.Id, (l, c) => new LinkedRecord(c.Id, c.Reference + " " + c.Title, l.Role.ToString()))
            .ToListAsync(cancellationToken);
        var risks = await db.IncidentRisks.Where(l => l.IncidentId == id)
            .Join(db.Risks, l => l.RiskId, r => r.Id, (l, r) => new LinkedRecord(r.Id, r.Title, r.Status.ToString()))
            .ToListAsync(cancellationToken);
        var today = clock.Today();
        var lessons = await db.TreatmentActions.AsNoTracking().Where(a => a.SourceIncidentId == id).OrderBy(a => a.DueOn).ToListAsync(cancellationToken);
        return TypedResults.Ok(new IncidentDetailDto(IncidentDto.From(incident), controls, risks, lessons.Select(a => TreatmentActionDto.From(a, today)).ToList()));
    }

    public static async Task<Results<Created<IncidentDto>, ValidationProblem>> Create(
        SaveIncidentRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(request, db, clock.GetUtcNow(), cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var incident = new Incident { Title = request.Title.Trim(), ReportedBy = actor.Key, CreatedAt = now, UpdatedAt = now };
        Apply(incident, request);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/incidents/{incident.Id}", IncidentDto.From(incident));
    }

    public static async Task<Results<Ok<IncidentDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SaveIncidentRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.Include(i => i.ControlLinks).Include(i => i.RiskLinks).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.IsManager && !actor.Is(incident.ReportedBy))
        {
            return Forbidden.Because("Only who reported the incident or an ISMS manager can change it.");
        }

        var errors = await ValidateAsync(request, db, clock.GetUtcNow(), cancellationToken);
        if (incident.Status == IncidentStatus.Closed)
        {
            errors["status"] = ["A closed incident is part of the record and cannot be changed."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(incident, (uint)request.Version);
        incident.Title = request.Title.Trim();
        incident.UpdatedAt = clock.GetUtcNow();
        Apply(incident, request);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(IncidentDto.From(incident));
    }

    public static async Task<Results<Created<TreatmentActionDto>, NotFound, ValidationProblem, ProblemHttpResult>> AddLesson(
        Guid id, AddLessonRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.Include(i => i.RiskLinks).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return TypedResults.NotFound();
        }

        var risk = await db.Risks.FirstOrDefaultAsync(r => r.Id == request.RiskId, cancellationToken);
        if (risk is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["riskId"] = ["The risk does not exist."] });
        }

        if (!actor.IsManager && !actor.Is(incident.ReportedBy) && !actor.Is(risk.Owner))
        {
            return Forbidden.Because("Only who reported the incident, the risk's owner or an ISMS manager can add its lessons.");
        }

        var now = clock.GetUtcNow();
        var action = new TreatmentAction
        {
            RiskId = risk.Id, Title = request.Lesson.Trim(), Owner = request.Owner.Trim().ToLowerInvariant(), DueOn = request.DueOn,
            SourceIncidentId = incident.Id, CreatedAt = now, UpdatedAt = now,
        };
        db.TreatmentActions.Add(action);
        if (incident.RiskLinks.All(l => l.RiskId != risk.Id))
        {
            incident.RiskLinks.Add(new IncidentRisk { IncidentId = incident.Id, RiskId = risk.Id });
            incident.UpdatedAt = now;
        }

        await TreatmentSchedule.RefreshAsync(db, risk, cancellationToken);

        db.AddEvent(RiskEvents.ActionChanged(action, risk, db.CurrentTenantId, deleted: false, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/actions/{action.Id}", TreatmentActionDto.From(action, clock.Today()));
    }

    public static async Task<Results<Ok<IncidentDto>, NotFound, ValidationProblem, ProblemHttpResult>> Close(
        Guid id, CloseIncidentRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.Include(i => i.ControlLinks).Include(i => i.RiskLinks).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.IsManager && !actor.Is(incident.ReportedBy))
        {
            return Forbidden.Because("Only who reported the incident or an ISMS manager can close it.");
        }

        var errors = IncidentRules.CheckClose(incident, request.NoControlReason);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(incident, (uint)request.Version);
        var now = clock.GetUtcNow();
        incident.Status = IncidentStatus.Closed;
        incident.ClosedAt = now;
        incident.UpdatedAt = now;
        incident.NoControlReason = string.IsNullOrWhiteSpace(request.NoControlReason) ? null : request.NoControlReason.Trim();
        var actions = await db.TreatmentActions.CountAsync(a => a.SourceIncidentId == id, cancellationToken);
        db.AddEvent(new IncidentClosed(db.CurrentTenantId, incident.Id, incident.Title, incident.Severity.ToString(),
            incident.ControlLinks.Where(l => l.Role == ControlRole.Failed).Select(l => l.ControlId).ToList(),
            incident.ControlLinks.Where(l => l.Role == ControlRole.Helped).Select(l => l.ControlId).ToList(),
            incident.RiskLinks.Select(l => l.RiskId).ToList(), actions, incident.NoControlReason, incident.OccurredAt, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(IncidentDto.From(incident));
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(SaveIncidentRequest request, RiskDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = IncidentRules.CheckTimes(request.OccurredAt, request.DetectedAt, request.ResolvedAt, now);
        var controlIds = (request.Controls ?? []).Select(c => c.ControlId).ToList();
        if (controlIds.Count != controlIds.Distinct().Count())
        {
            errors["controls"] = ["Each control can be linked once, as failed or as helped."];
        }
        else if (controlIds.Count > 0 && await db.Controls.CountAsync(c => controlIds.Contains(c.Id), cancellationToken) != controlIds.Count)
        {
            errors["controls"] = ["One or more controls do not exist."];
        }

        var riskIds = (request.RiskIds ?? []).Distinct().ToList();
        if (riskIds.Count > 0 && await db.Risks.CountAsync(r => riskIds.Contains(r.Id), cancellationToken) != riskIds.Count)
        {
            errors["riskIds"] = ["One or more risks do not exist."];
        }

        return errors;
    }

    private static void Apply(Incident incident, SaveIncidentRequest request)
    {
        incident.Description = request.Description;
        incident.Severity = request.Severity;
        incident.OccurredAt = request.OccurredAt;
        incident.DetectedAt = request.DetectedAt;
        incident.ResolvedAt = request.ResolvedAt;
        incident.Status = request.ResolvedAt is null ? IncidentStatus.Open : IncidentStatus.Resolved;
        var links = request.Controls ?? [];
        incident.ControlLinks.RemoveAll(l => links.All(n => n.ControlId != l.ControlId));
        foreach (var link in links)
        {
            if (incident.ControlLinks.FirstOrDefault(l => l.ControlId == link.ControlId) is { } existing)
            {
                existing.Role = link.Role;
            }
            else
            {
                incident.ControlLinks.Add(new IncidentControl { IncidentId = incident.Id, ControlId = link.ControlId, Role = link.Role });
            }
        }

        var riskIds = (request.RiskIds ?? []).Distinct().ToList();
        incident.RiskLinks.RemoveAll(l => !riskIds.Contains(l.RiskId));
        incident.RiskLinks.AddRange(riskIds.Where(r => incident.RiskLinks.All(l => l.RiskId != r)).Select(r => new IncidentRisk { IncidentId = incident.Id, RiskId = r }).ToList());
    }
}
