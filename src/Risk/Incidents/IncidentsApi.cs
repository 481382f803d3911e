using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Treatment;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Incidents;

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

        var check = incident.CheckRevise(actor);
        if (check.ForbiddenBecause is { } why)
        {
            return Forbidden.Because(why);
        }

        var errors = await ValidateAsync(request, db, clock.GetUtcNow(), cancellationToken);
        foreach (var (field, messages) in check.Errors)
        {
            errors[field] = messages;
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
        Guid id, AddLessonRequest request, RiskDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
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

        if (await members.RefuseNonMembersAsync(actor.Key, cancellationToken, ("owner", request.Owner)) is { } notMembers)
        {
            return TypedResults.ValidationProblem(notMembers);
        }

        var now = clock.GetUtcNow();
        var action = new TreatmentAction
        {
            RiskId = risk.Id, Title = request.Lesson.Trim(), Owner = request.Owner.Trim().ToLowerInvariant(), DueOn = request.DueOn,
            SourceIncidentId = incident.Id, CreatedAt = now, UpdatedAt = now,
        };
        db.TreatmentActions.Add(action);
        if (incident.LinkRisk(risk.Id))
        {
            incident.UpdatedAt = now;
        }

        await TreatmentSchedule.RefreshAsync(db, risk, cancellationToken);

        db.AddEvent(RiskEvents.ActionChanged(action, risk, db, deleted: false, now));
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

        var check = incident.CheckClose(actor, request.NoControlReason);
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }

        db.ExpectVersion(incident, (uint)request.Version);
        incident.Close(request.NoControlReason, clock.GetUtcNow());
        var lessons = await db.TreatmentActions.CountAsync(a => a.SourceIncidentId == id, cancellationToken);
        db.AddEvent(IncidentEvents.Closed(incident, lessons, db));
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
        incident.RecordResolution(request.ResolvedAt);
        incident.SyncControls((request.Controls ?? []).Select(c => (c.ControlId, c.Role)).ToList());
        incident.SyncRisks((request.RiskIds ?? []).Distinct().ToList());
    }
}
